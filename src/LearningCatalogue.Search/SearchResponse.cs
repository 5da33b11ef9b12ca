using LearningCatalogue.Catalogue.Model;

namespace LearningCatalogue.Search;

/// <summary>
/// A page of hits with the total, the facet counts and, when more hits follow, the cursor of the next page. Facet
/// counts are disjunctive: a facet counts over the hits of every other filter, ignoring its own.
/// <see cref="Suggestion"/> is a corrected query, given when the query found nothing and the correction finds something.
/// </summary>
public sealed record SearchResponse(
    int Total,
    int Page,
    int Size,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets,
    string? NextCursor,
    string? Suggestion);

public sealed record FacetCount(string Value, int Count);

/// <summary>
/// An entry found, with its texts in the learner's language where it has them (else English, else its first), a snippet
/// with the matched words in &lt;mark&gt; (HTML-escaped otherwise), and its outcomes with their linked skills.
/// </summary>
public sealed record SearchHit(
    Guid Id,
    string Key,
    string Title,
    string? Summary,
    string? Snippet,
    IReadOnlyList<HitOutcome> Outcomes,
    IReadOnlyList<string> Providers,
    DateOnly? StartDate,
    decimal? EctsCredits,
    decimal? WorkloadHours,
    decimal? Price,
    string? Homepage,
    float? Score);

public sealed record HitOutcome(string Text, IReadOnlyList<HitSkill> Skills);

/// <summary>A linked ESCO skill with its preferred label in the learner's language where ESCO has one.</summary>
public sealed record HitSkill(string Uri, string? Label);

/// <summary>Type-ahead completions of a prefix, a few per kind, the most frequent first.</summary>
public sealed record Suggestions(IReadOnlyList<string> Titles, IReadOnlyList<string> Providers, IReadOnlyList<HitSkill> Skills);

internal static class LocalizedTexts
{
    /// <summary>The text in the language asked for (its exact tag, else its primary language), else English, else the first.</summary>
    public static LocalizedText? Pick(IReadOnlyList<LocalizedText> texts, string language) =>
        texts.FirstOrDefault(t => t.Language.Equals(language, StringComparison.OrdinalIgnoreCase))
        ?? texts.FirstOrDefault(t => SearchLanguages.PrimarySubtag(t.Language) == SearchLanguages.PrimarySubtag(language))
        ?? texts.FirstOrDefault(t => SearchLanguages.PrimarySubtag(t.Language) == "en")
        ?? texts.FirstOrDefault();
}
