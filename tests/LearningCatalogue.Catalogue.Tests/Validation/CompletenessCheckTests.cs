using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Validation;

namespace LearningCatalogue.Catalogue.Tests.Validation;

public sealed class CompletenessCheckTests
{
    /// <summary>How to take each mandatory Annex I element out of a complete entry, keyed by the element's field.</summary>
    private static readonly Dictionary<string, Func<LearningOpportunity, LearningOpportunity>> Removals = new()
    {
        ["title"] = e => e with { Title = [] },
        ["providers"] = e => e with { Providers = [] },
        ["providers.country"] = e => e with { Providers = [e.Providers[0] with { Country = null }, e.Providers[1]] },
        ["learningOutcomes"] = e => e with { LearningOutcomes = [] },
        ["ectsCredits"] = e => e with { EctsCredits = null, WorkloadHours = null },
        ["eqfLevel"] = e => e with { EqfLevel = null },
        ["assessmentTypes"] = e => e with { AssessmentTypes = [] },
        ["mode"] = e => e with { Mode = null },
        ["qualityAssurance"] = e => e with { QualityAssurance = [] },
    };

    public static TheoryData<string> MandatoryFields() => new(Removals.Keys);

    private static IEnumerable<string> MissingFields(LearningOpportunity entry) =>
        CompletenessCheck.Check(entry).Missing.Select(m => m.Field).Order(StringComparer.Ordinal);

    [Fact]
    public void A_complete_entry_is_complete()
    {
        var report = CompletenessCheck.Check(SampleEntries.Full());

        Assert.True(report.Complete);
        Assert.Empty(report.Missing);
    }

    [Theory]
    [MemberData(nameof(MandatoryFields))]
    public void Removing_a_mandatory_element_lists_exactly_that_element(string field)
    {
        var report = CompletenessCheck.Check(Removals[field](SampleEntries.Full()));

        Assert.False(report.Complete);
        Assert.Equal([field], report.Missing.Select(m => m.Field));
        Assert.All(report.Missing, m => Assert.False(string.IsNullOrWhiteSpace(m.Element)));
    }

    [Fact]
    public void The_theory_covers_every_element_the_check_knows()
    {
        // An empty entry misses every element (the providers' country is reported under "providers" then);
        // if the check gains one, the theory above must gain it too.
        var empty = MissingFields(new LearningOpportunity()).Append("providers.country").Order(StringComparer.Ordinal);
        Assert.Equal(Removals.Keys.Order(StringComparer.Ordinal), empty);
    }

    [Fact]
    public void The_workload_is_satisfied_by_hours_alone()
    {
        var entry = SampleEntries.Full() with { EctsCredits = null, WorkloadHours = 40 };

        Assert.True(CompletenessCheck.Check(entry).Complete);
    }

    [Fact]
    public void The_workload_is_satisfied_by_ECTS_credits_alone()
    {
        var entry = SampleEntries.Full() with { EctsCredits = 2, WorkloadHours = null };

        Assert.True(CompletenessCheck.Check(entry).Complete);
    }

    [Fact]
    public void Every_provider_needs_a_country()
    {
        var entry = SampleEntries.Full();
        entry = entry with { Providers = [entry.Providers[0], entry.Providers[1] with { Country = null }] };

        Assert.Equal(["providers.country"], MissingFields(entry));
    }
}
