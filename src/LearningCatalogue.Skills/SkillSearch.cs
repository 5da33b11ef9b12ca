using LearningCatalogue.Skills.Esco;
using LearningCatalogue.Skills.Suggestion;

namespace LearningCatalogue.Skills;

public sealed record SkillSearchRequest(string Query, string Language, string? SkillType, string? ReuseLevel, string? Collection, int Page, int Size);

public sealed record SkillSearchHit(string Uri, string Label, string? SkillType, string? ReuseLevel, IReadOnlyList<string> Collections, double Score);

public sealed record SkillSearchResult(IReadOnlyList<SkillSearchHit> Items, int Total, int Page, int Size);

/// <summary>
/// Text search over ESCO skills in every loaded language: the suggestion index ranks labels (and descriptions),
/// the taxonomy read from the RDF store filters by skill type, reuse level and collection.
/// </summary>
public sealed class SkillSearch(SkillSuggestionIndex index, EscoTaxonomyCache taxonomies)
{
    public async Task<SkillSearchResult> SearchAsync(SkillSearchRequest request, CancellationToken cancellationToken = default)
    {
        var taxonomy = await taxonomies.GetAsync(cancellationToken);
        bool Keeps(string uri) => taxonomy.Find(uri) is { } skill
            && (request.SkillType is null || skill.SkillType == request.SkillType)
            && (request.ReuseLevel is null || skill.ReuseLevel == request.ReuseLevel)
            && (request.Collection is null || skill.Collections.Contains(request.Collection));
        var (items, total) = index.Search(request.Query, request.Language, Keeps, (request.Page - 1) * request.Size, request.Size);
        var hits = items.Select(s =>
        {
            var skill = taxonomy.Find(s.Uri)!;
            return new SkillSearchHit(s.Uri, s.Label, skill.SkillType, skill.ReuseLevel, skill.Collections, s.Score);
        }).ToList();
        return new SkillSearchResult(hits, total, request.Page, request.Size);
    }
}
