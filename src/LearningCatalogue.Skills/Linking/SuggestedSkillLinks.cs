using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Skills.Suggestion;

namespace LearningCatalogue.Skills.Linking;

/// <summary>
/// Links the outcomes of imported entries to their best suggested skills without a person confirming: for the sample
/// corpus an administrator imports, so that a new installation can be searched and filtered by skill at once. The links
/// say so (source "suggested", linked by the import), and a provider replaces them like any other.
/// </summary>
public sealed class SuggestedSkillLinks(SkillSuggestionIndex index, TimeProvider clock)
{
    public const string LinkedBy = "catalogue import (suggested)";

    /// <summary>The entry with each unlinked outcome linked to its <paramref name="perOutcome"/> best suggestions.</summary>
    public LearningOpportunity Link(LearningOpportunity entry, int perOutcome = 2)
    {
        var now = clock.GetUtcNow();
        return entry with
        {
            LearningOutcomes = entry.LearningOutcomes.Select(outcome =>
            {
                if (outcome.SkillLinks.Count > 0 || outcome.Text.Count == 0) return outcome;
                var text = outcome.Text[0];
                return outcome with
                {
                    SkillLinks = index.Suggest(text.Value, text.Language, perOutcome).Select(s => new SkillLink
                    {
                        SkillUri = s.Uri, Label = s.Label, LinkedBy = LinkedBy, LinkedAt = now, Source = SkillLinkSource.Suggested,
                    }).ToList(),
                };
            }).ToList(),
        };
    }
}
