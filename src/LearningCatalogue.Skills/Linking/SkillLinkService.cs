using LearningCatalogue.Catalogue;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Validation;
using LearningCatalogue.Skills.Esco;
using Microsoft.Extensions.Logging;

namespace LearningCatalogue.Skills.Linking;

/// <summary>A skill a person confirms for a learning outcome, and whether the product suggested it.</summary>
public sealed record SkillLinkRequest(string Uri, bool Suggested = false);

/// <summary>A learning outcome as a reader in one language sees it, with the labels of its skills in that language.</summary>
public sealed record OutcomeView(int Number, Guid Id, IReadOnlyList<LocalizedText> Text, OutcomeOrigin Origin, IReadOnlyList<SkillLinkView> SkillLinks);

public sealed record SkillLinkView(string SkillUri, string? Label, string? LinkedBy, DateTimeOffset LinkedAt, SkillLinkSource Source);

/// <summary>
/// Links learning outcomes to ESCO skills. The database is the record of truth; the links are also written to the
/// RDF store as ELM triples. Only released ESCO skills may be linked, one to three per outcome.
/// </summary>
public sealed class SkillLinkService(CatalogueService catalogue, EscoSkillRepository skills, CatalogueGraph graph, ILogger<SkillLinkService> logger)
{
    /// <summary>
    /// Replaces the skills of outcome <paramref name="outcomeNumber"/> (1-based) of an entry. Null when the entry or the
    /// outcome does not exist; <see cref="CatalogueValidationException"/> naming the field when a skill is refused.
    /// </summary>
    public async Task<LearningOpportunity?> LinkAsync(
        Guid id, int outcomeNumber, IReadOnlyList<SkillLinkRequest> requested, string linkedBy, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationResult();
        if (requested.Count is < 1 or > LearningOpportunityValidator.MaxSkillLinksPerOutcome)
        {
            errors.Add("skills", $"Link one to {LearningOpportunityValidator.MaxSkillLinksPerOutcome} ESCO skills.");
        }
        if (string.IsNullOrWhiteSpace(linkedBy)) errors.Add("linkedBy", "Say who links the skills.");
        var released = (await skills.FindReleasedAsync(requested.Select(r => r.Uri), cancellationToken))
            .Where(s => s.ConceptType == EscoConceptType.Skill)
            .ToDictionary(s => s.Uri, StringComparer.Ordinal);
        for (var i = 0; i < requested.Count; i++)
        {
            if (!released.ContainsKey(requested[i].Uri))
            {
                errors.Add($"skills[{i}].uri", $"'{requested[i].Uri}' is not a released ESCO skill.");
            }
        }
        if (requested.Select(r => r.Uri).Distinct(StringComparer.Ordinal).Count() != requested.Count) errors.Add("skills", "A skill is listed twice.");
        if (!errors.IsValid) throw new CatalogueValidationException(errors);

        var before = await catalogue.Store.FindAsync(id, cancellationToken);
        if (before is null || outcomeNumber < 1 || outcomeNumber > before.LearningOutcomes.Count) return null;
        var outcome = before.LearningOutcomes[outcomeNumber - 1];
        var links = requested.Select(r => new SkillLink
        {
            SkillUri = r.Uri,
            Label = EscoTaxonomy.Pick(released[r.Uri].PreferredLabels, "en"),
            Source = r.Suggested ? SkillLinkSource.Suggested : SkillLinkSource.Manual,
        }).ToList();

        // The RDF store is written first: it is the write most likely to fail, and it can be undone when the
        // database write after it fails, so that the two stores never disagree.
        await graph.ReplaceOutcomeLinksAsync(id, outcome.Id, links.Select(l => l.SkillUri).ToList(), cancellationToken);
        try
        {
            return await catalogue.SetSkillLinksAsync(id, outcomeNumber - 1, links, linkedBy, cancellationToken);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Storing the skill links of outcome {OutcomeId} failed; restoring the RDF store.", outcome.Id);
            await graph.ReplaceOutcomeLinksAsync(id, outcome.Id, outcome.SkillLinks.Select(l => l.SkillUri).ToList(), CancellationToken.None);
            throw;
        }
    }

    /// <summary>The outcomes of an entry with their skill labels in <paramref name="language"/> (English, then the snapshot, as fallbacks).</summary>
    public async Task<IReadOnlyList<OutcomeView>?> OutcomesAsync(Guid id, string language, CancellationToken cancellationToken = default)
    {
        var entry = await catalogue.Store.FindAsync(id, cancellationToken);
        if (entry is null) return null;
        var uris = entry.LearningOutcomes.SelectMany(o => o.SkillLinks).Select(l => l.SkillUri).Distinct().ToList();
        var labels = uris.Count == 0
            ? new Dictionary<string, EscoSkill>()
            : (await skills.FindReleasedAsync(uris, cancellationToken)).ToDictionary(s => s.Uri, StringComparer.Ordinal);
        return entry.LearningOutcomes.Select((o, i) => new OutcomeView(i + 1, o.Id, o.Text, o.Origin, o.SkillLinks.Select(l => new SkillLinkView(
            l.SkillUri,
            labels.TryGetValue(l.SkillUri, out var skill) ? EscoTaxonomy.Pick(skill.PreferredLabels, language) : l.Label,
            l.LinkedBy, l.LinkedAt, l.Source)).ToList())).ToList();
    }
}
