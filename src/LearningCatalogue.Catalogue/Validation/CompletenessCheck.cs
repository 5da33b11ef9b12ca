using LearningCatalogue.Catalogue.Model;

namespace LearningCatalogue.Catalogue.Validation;

/// <summary>A mandatory element of Annex I of the Council Recommendation on micro-credentials, and the field that carries it.</summary>
public sealed record AnnexElement(string Field, string Element);

public sealed record CompletenessReport(bool Complete, IReadOnlyList<AnnexElement> Missing);

/// <summary>
/// Lists the mandatory elements of Annex I (Council Recommendation of 16 June 2022 on a European approach to
/// micro-credentials) that an entry does not yet carry. The elements that belong to an issued credential
/// (learner identification, date of issuing) are not part of a catalogue entry and are not checked.
/// </summary>
public static class CompletenessCheck
{
    private static readonly (AnnexElement Element, Func<LearningOpportunity, bool> Present)[] Elements =
    [
        (new("title", "Title of the micro-credential"), e => e.Title.Count > 0),
        (new("providers", "Provider(s)"), e => e.Providers.Count > 0),
        // Without providers only "providers" is reported; with providers, any of them without a country.
        (new("providers.country", "Country/region of the provider(s)"), e => e.Providers.All(p => p.Country is not null)),
        (new("learningOutcomes", "Learning outcomes"), e => e.LearningOutcomes.Count > 0),
        (new("ectsCredits", "Notional workload needed to achieve the learning outcomes (in ECTS credits, wherever possible)"), e => e.EctsCredits is not null || e.WorkloadHours is not null),
        (new("eqfLevel", "Level (and cycle, if applicable) of the learning experience (EQF)"), e => e.EqfLevel is not null),
        (new("assessmentTypes", "Type of assessment"), e => e.AssessmentTypes.Count > 0),
        (new("mode", "Form of participation in the learning activity"), e => e.Mode is not null),
        (new("qualityAssurance", "Type of quality assurance used to underpin the micro-credential"), e => e.QualityAssurance.Count > 0),
    ];

    public static CompletenessReport Check(LearningOpportunity entry)
    {
        var missing = Elements.Where(e => !e.Present(entry)).Select(e => e.Element).ToList();
        return new CompletenessReport(missing.Count == 0, missing);
    }
}
