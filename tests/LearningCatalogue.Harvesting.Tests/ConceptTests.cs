using System.Net;
using LearningCatalogue.Catalogue.Vocabularies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies;

namespace LearningCatalogue.Harvesting.Tests;

/// <summary>The controlled vocabularies: coded properties name their scheme, and the Concepts entity set resolves their codes.</summary>
[Collection(HarvestingCollection.Name)]
public sealed class ConceptTests(HarvestingApi api)
{
    private const string ConceptScheme = "LearningCatalogue.ConceptScheme";

    private IVocabularyCatalog Vocabularies => api.Services.GetRequiredService<IVocabularyCatalog>();

    /// <summary>Every property of the served model annotated with a concept scheme, by "Type/Property".</summary>
    private Dictionary<string, string> CodedProperties() =>
        api.Model.SchemaElements.OfType<IEdmStructuredType>()
            .SelectMany(type => type.DeclaredProperties.Select(property => (type, property)))
            .Select(p => (Name: $"{((IEdmSchemaType)p.type).Name}/{p.property.Name}",
                Scheme: api.Model.FindVocabularyAnnotations(p.property).SingleOrDefault(a => a.Term.FullName() == ConceptScheme)?.Value))
            .Where(p => p.Scheme is not null)
            .ToDictionary(p => p.Name, p => ((IEdmStringConstantExpression)p.Scheme!).Value);

    [Fact]
    public void The_metadata_declares_the_concepts_and_the_scheme_of_every_coded_property()
    {
        var concept = (IEdmEntityType)api.Model.FindDeclaredType("LearningCatalogue.Concept");
        var set = api.Model.EntityContainer.FindEntitySet("Concepts");

        Assert.Equal(concept, set.EntityType);
        Assert.Equal(["Scheme", "Code"], concept.Key().Select(k => k.Name));
        Assert.NotNull(concept.FindProperty("Uri"));
        Assert.NotNull(concept.FindProperty("Label"));
        Assert.NotNull(api.Model.FindDeclaredTerm(ConceptScheme));
        Assert.Equal(new Dictionary<string, string>
        {
            ["Fee/Currency"] = VocabularyScheme.Currency,
            ["Provider/Country"] = VocabularyScheme.Country,
            ["RecognitionAgreement/PartnerCountry"] = VocabularyScheme.Country,
            ["LearningOpportunity/EqfLevel"] = VocabularyScheme.Eqf,
            ["LearningOpportunity/AssessmentTypes"] = VocabularyScheme.Assessment,
            ["LearningOpportunity/Mode"] = VocabularyScheme.Mode,
            ["LearningOpportunity/OpportunityType"] = VocabularyScheme.OpportunityType,
            ["LearningOpportunity/LearningSetting"] = VocabularyScheme.LearningSetting,
            ["LearningOpportunity/Languages"] = VocabularyScheme.Language,
            ["LearningOpportunity/ThematicFields"] = VocabularyScheme.IscedF,
            ["LearningOpportunity/LearningSchedule"] = VocabularyScheme.LearningSchedule,
            ["LearningOpportunity/TargetGroups"] = VocabularyScheme.TargetGroup,
        }.OrderBy(p => p.Key), CodedProperties().OrderBy(p => p.Key));
    }

    [Fact]
    public async Task A_harvester_resolves_every_code_of_an_entry_through_Concepts()
    {
        var sample = (await HarvestCorpus.PublishedAsync()).First(e => e.Key.StartsWith("sample-", StringComparison.Ordinal) && e.RecognitionAgreements.Count > 0);
        var entry = Assert.Single((await api.GetAsync($"/odata/LearningOpportunities({sample.Id})?$expand=Providers,RecognitionAgreements,AwardingBody")).Entries);
        var coded = CodedProperties();

        // Each coded value of the entry as a harvester finds it: the type's property, its scheme from $metadata, the code.
        var codes = new List<(string Scheme, string Code)>();
        void Collect(string type, ODataResourceBase resource)
        {
            foreach (var property in resource.Properties.OfType<ODataProperty>())
            {
                if (!coded.TryGetValue($"{type}/{property.Name}", out var scheme)) continue;
                var values = property.Value switch
                {
                    ODataCollectionValue collection => collection.Items.Select(i => Convert.ToString(i, System.Globalization.CultureInfo.InvariantCulture)),
                    null => [],
                    var single => [Convert.ToString(single, System.Globalization.CultureInfo.InvariantCulture)],
                };
                codes.AddRange(values.Select(v => (scheme, v!)));
            }
        }
        Collect("LearningOpportunity", entry.Resource!);
        foreach (var (name, type) in new[] { ("Providers", "Provider"), ("AwardingBody", "Provider"), ("RecognitionAgreements", "RecognitionAgreement"), ("Fees", "Fee") })
        {
            foreach (var child in entry.Nested[name]) Collect(type, child.Resource!);
        }

        Assert.True(codes.Select(c => c.Scheme).Distinct().Count() >= 10, string.Join(", ", codes));
        foreach (var (scheme, code) in codes)
        {
            var concept = await api.GetAsync($"/odata/Concepts(Scheme='{scheme}',Code='{code}')");

            Assert.True(concept.Status == HttpStatusCode.OK, $"{scheme} {code}: {concept.Error?.Message}");
            var expected = Vocabularies.Terms(scheme).Single(t => t.Code == code);
            Assert.Equal(expected.Label, Assert.Single(concept.Entries)["Label"]);
            Assert.Equal(expected.Uri, concept.Entries[0]["Uri"]);
        }
    }

    [Fact]
    public async Task Concepts_are_filtered_counted_and_paged_by_scheme_then_code()
    {
        var countries = Vocabularies.Terms(VocabularyScheme.Country).Select(t => t.Code).ToList();
        var french = Vocabularies.Terms(VocabularyScheme.Language).Where(t => t.Label.StartsWith("fr", StringComparison.OrdinalIgnoreCase)).Select(t => t.Code).ToList();
        Assert.True(countries.Count > 200);
        Assert.NotEmpty(french);

        var (pages, last) = await api.AllPagesAsync("/odata/Concepts?$filter=Scheme eq 'country'&$count=true&$select=Code", ("Prefer", "odata.maxpagesize=100"));
        var (found, _) = await api.AllPagesAsync("/odata/Concepts?$filter=Scheme eq 'language' and startswith(Label, 'FR')");
        var count = await api.GetAsync("/odata/Concepts/$count?$filter=Scheme eq 'country'");

        Assert.Equal(countries, pages.Select(c => (string)c["Code"]!));
        Assert.Equal(countries.Count, last.Count);
        Assert.Equal(countries.Count, count.Count);
        Assert.Equal(french, found.Select(c => (string)c["Code"]!));
    }

    [Theory]
    [InlineData("/odata/Concepts?$orderby=Label", HttpStatusCode.BadRequest, "$orderby on Concepts")]
    [InlineData("/odata/Concepts?$search=french", HttpStatusCode.BadRequest, "$search on Concepts")]
    [InlineData("/odata/Concepts?$filter=NoSuchProperty eq 'x'", HttpStatusCode.BadRequest, "NoSuchProperty")]
    [InlineData("/odata/Concepts(Scheme='country',Code='XXX')", HttpStatusCode.NotFound, "'XXX'")]
    public async Task Unsupported_or_unknown_concept_requests_say_what(string url, HttpStatusCode status, string named)
    {
        var result = await api.GetAsync(url);

        Assert.Equal(status, result.Status);
        Assert.Contains(named, result.Error!.Message, StringComparison.Ordinal);
    }
}
