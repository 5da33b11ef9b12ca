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
    // Enough candidates for any filter combination to fill the pages a person reads; deeper pages are not useful.
    private const int Candidates = 500;

    public async Task<SkillSearchResult> SearchAsync(SkillSearchRequest request, CancellationToken cancellationToken = default)
    {
        var taxonomy = await taxonomies.GetAsync(cancellationToken);
        var hits = index.Suggest(request.Query, request.Language, Candidates)
            .Select(s => (Suggestion: s, Skill: taxonomy.Find(s.Uri)))
            .Where(h => h.Skill is not null
                && (request.SkillType is null || h.Skill.SkillType == request.SkillType)
                && (request.ReuseLevel is null || h.Skill.ReuseLevel == request.ReuseLevel)
                && (request.Collection is null || h.Skill.Collections.Contains(request.Collection)))
            .Select(h => new SkillSearchHit(h.Suggestion.Uri, h.Suggestion.Label, h.Skill!.SkillType, h.Skill.ReuseLevel, h.Skill.Collections, h.Suggestion.Score))
            .ToList();
        return new SkillSearchResult(hits.Skip((request.Page - 1) * request.Size).Take(request.Size).ToList(), hits.Count, request.Page, request.Size);
    }
}
