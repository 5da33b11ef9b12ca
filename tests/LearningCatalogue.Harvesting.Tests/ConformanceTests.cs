using System.Net;
using LearningCatalogue.Catalogue.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies;

namespace LearningCatalogue.Harvesting.Tests;

/// <summary>Every query option, read back with ODataMessageReader against the served $metadata.</summary>
[Collection(HarvestingCollection.Name)]
public sealed class ConformanceTests(HarvestingApi api)
{
    [Fact]
    public void The_metadata_declares_the_model_with_capabilities()
    {
        var type = (IEdmEntityType)api.Model.FindDeclaredType("LearningCatalogue.LearningOpportunity");
        Assert.Equal("Id", Assert.Single(type.Key()).Name);
        Assert.True(type.FindProperty("LearningOutcomes") is IEdmNavigationProperty { ContainsTarget: true });
        Assert.True(((IEdmNavigationProperty)type.FindProperty("LearningOutcomes")).ToEntityType().FindProperty("SkillLinks") is IEdmNavigationProperty { ContainsTarget: true });
        Assert.Equal("LearningCatalogue.LocalizedText", type.FindProperty("Titles").Type.AsCollection().ElementType().FullName());
        Assert.NotNull(api.Model.FindDeclaredType("LearningCatalogue.CredentialKind") as IEdmEnumType);
        foreach (var (name, target, multiplicity) in new[]
        {
            ("Providers", "Provider", EdmMultiplicity.Many), ("AwardingBody", "Provider", EdmMultiplicity.ZeroOrOne),
            ("RecognitionAgreements", "RecognitionAgreement", EdmMultiplicity.Many),
        })
        {
            var navigation = Assert.IsAssignableFrom<IEdmNavigationProperty>(type.FindProperty(name));
            Assert.True(navigation.ContainsTarget, name);
            Assert.Equal(multiplicity, navigation.TargetMultiplicity());
            Assert.Equal("LearningCatalogue." + target, navigation.ToEntityType().FullName());
            Assert.Equal("Ordinal", Assert.Single(navigation.ToEntityType().Key()).Name);
        }
        var provider = (IEdmEntityType)api.Model.FindDeclaredType("LearningCatalogue.Provider");
        Assert.Equal(["Ordinal", "Name", "Country", "Website", "LegalIdentifier", "DeqarId"], provider.StructuralProperties().Select(p => p.Name));
        var agreement = (IEdmEntityType)api.Model.FindDeclaredType("LearningCatalogue.RecognitionAgreement");
        Assert.Equal("LearningCatalogue.RecognitionDirection", agreement.FindProperty("Direction").Type.FullName());
        Assert.Equal(["Ordinal", "PartnerName", "PartnerCountry", "Direction", "CreditsRecognised", "AgreementUrl"], agreement.StructuralProperties().Select(p => p.Name));
        var set = api.Model.EntityContainer.FindEntitySet("LearningOpportunities");
        var terms = api.Model.FindVocabularyAnnotations(set).Select(a => a.Term.FullName()).ToList();
        Assert.Contains("Org.OData.Capabilities.V1.FilterRestrictions", terms);
        Assert.Contains("Org.OData.Capabilities.V1.SortRestrictions", terms);
        Assert.Contains("Org.OData.Capabilities.V1.ChangeTracking", terms);
        var filter = (IEdmRecordExpression)api.Model.FindVocabularyAnnotations(set).Single(a => a.Term.Name == "FilterRestrictions").Value;
        Assert.DoesNotContain(filter.Properties, p => p.Name == "MaxLevels");
        var functions = ((IEdmCollectionExpression)api.Model.FindVocabularyAnnotations(set).Single(a => a.Term.Name == "FilterFunctions").Value)
            .Elements.Cast<IEdmStringConstantExpression>().Select(e => e.Value).ToList();
        Assert.Equal(HarvestModel.FilterFunctions, functions);
        var search = Assert.IsType<IEdmRecordExpression>(api.Model.FindVocabularyAnnotations(set).Single(a => a.Term.Name == "SearchRestrictions").Value, exactMatch: false);
        Assert.True(((IEdmBooleanConstantExpression)search.FindProperty("Searchable").Value).Value);
        Assert.Contains("Org.OData.Core.V1.Description", terms);
    }

    [Fact]
    public async Task Only_published_entries_are_served_on_every_page()
    {
        var published = (await api.PublishedNowAsync()).Select(e => e.Id).Order().ToList();

        var (entries, last) = await api.AllPagesAsync("/odata/LearningOpportunities?$select=Id,Key", ("Prefer", "odata.maxpagesize=100"));
        var draft = await api.GetAsync($"/odata/LearningOpportunities({api.Drafts[0].Id})");

        Assert.True(last.Error is null, last.Error?.Message);
        Assert.True(published.Count > 900);
        Assert.Equal(published, entries.Select(e => e.Id).Order());
        Assert.DoesNotContain(entries, e => api.Drafts.Any(d => d.Id == e.Id));
        Assert.Equal(HttpStatusCode.NotFound, draft.Status);
    }

    [Fact]
    public async Task Select_returns_only_the_selected_properties_and_the_key()
    {
        var result = await api.GetAsync("/odata/LearningOpportunities?$select=Key,Titles&$top=3");

        Assert.Equal(3, result.Entries.Count);
        Assert.All(result.Entries, e => Assert.Equal(["Id", "Key", "Titles"], e.PropertyNames.Order()));
    }

    [Fact]
    public async Task Expand_with_nested_select_and_filter()
    {
        var sample = (await HarvestCorpus.PublishedAsync()).First(e => e.RecognitionAgreements.Count > 0 && e.LearningOutcomes.Count > 1);
        var result = await api.GetAsync($"/odata/LearningOpportunities({sample.Id})?$select=Key" +
            "&$expand=LearningOutcomes($filter=Origin eq 'Provided';$expand=SkillLinks($select=SkillUri)),Providers($select=Name),RecognitionAgreements,AwardingBody");

        Assert.True(result.Error is null, result.Error?.Message);
        var entry = Assert.Single(result.Entries);
        Assert.Equal(["AwardingBody", "Id", "Key", "LearningOutcomes", "Providers", "RecognitionAgreements"], entry.PropertyNames.Order());
        var outcome = Assert.Single(entry.Nested["LearningOutcomes"]);
        Assert.Equal(sample.LearningOutcomes[0].Id, outcome.Id);
        var link = Assert.Single(outcome.Nested["SkillLinks"]);
        Assert.Equal(sample.LearningOutcomes[0].SkillLinks[0].SkillUri, link["SkillUri"]);
        // A nested $select keeps the selected properties and the key, nothing else.
        Assert.Equal(["SkillUri"], link.PropertyNames);
        Assert.All(entry.Nested["Providers"], p => Assert.Equal(["Name", "Ordinal"], p.PropertyNames.Order()));
        Assert.Equal(sample.Providers.Select(p => p.Name), entry.Nested["Providers"].Select(p => p["Name"]));
        Assert.Equal(sample.RecognitionAgreements[0].PartnerName, Assert.Single(entry.Nested["RecognitionAgreements"])["PartnerName"]);
        Assert.Equal(sample.AwardingBody!.Name, Assert.Single(entry.Nested["AwardingBody"])["Name"]);
    }

    [Fact]
    public async Task Expand_on_every_page_of_a_collection()
    {
        var published = (await api.PublishedNowAsync()).ToDictionary(e => e.Id);

        var (entries, last) = await api.AllPagesAsync(
            "/odata/LearningOpportunities?$select=Id&$filter=LearningOutcomes/any(o: o/SkillLinks/any())" +
            "&$expand=LearningOutcomes($filter=Origin eq 'Provided';$select=Id;$expand=SkillLinks($select=SkillUri)),Providers($select=Name)",
            ("Prefer", "odata.maxpagesize=3"));

        Assert.True(last.Error is null, last.Error?.Message);
        var linked = published.Values.Count(e => e.LearningOutcomes.Any(o => o.SkillLinks.Count > 0));
        Assert.True(linked > 3, "The expansion should span several pages.");
        Assert.Equal(linked, entries.Count);
        foreach (var entry in entries)
        {
            var expected = published[entry.Id];
            var outcomes = expected.LearningOutcomes.Where(o => o.Origin == OutcomeOrigin.Provided).ToList();
            Assert.Equal(outcomes.Select(o => o.Id), entry.Nested["LearningOutcomes"].Select(o => o.Id));
            Assert.Equal(outcomes.Select(o => o.SkillLinks.Select(l => l.SkillUri)),
                entry.Nested["LearningOutcomes"].Select(o => o.Nested["SkillLinks"].Select(l => (string)l["SkillUri"]!)));
            Assert.Equal(expected.Providers.Select(p => p.Name), entry.Nested["Providers"].Select(p => p["Name"]));
        }
        Assert.Contains(entries, e => e.Nested["LearningOutcomes"].Any(o => o.Nested["SkillLinks"].Count > 0));
    }

    [Fact]
    public async Task Top_skip_orderby_and_count()
    {
        var published = await api.PublishedNowAsync();
        // The key breaks ties (many courses share their workload), so the page is one exact list of entries.
        var ordered = published.OrderByDescending(e => e.WorkloadHours).ThenBy(e => e.Id.ToString(), StringComparer.Ordinal).ToList();
        Assert.Contains(ordered.Skip(4).Take(9).GroupBy(e => e.WorkloadHours), tie => tie.Count() > 1);

        var result = await api.GetAsync("/odata/LearningOpportunities?$orderby=WorkloadHours desc&$skip=5&$top=7&$count=true&$select=Id,WorkloadHours");
        var count = await api.GetAsync("/odata/LearningOpportunities/$count?$filter=SelfPaced");

        Assert.Equal(published.Count, result.Count);
        Assert.Equal(ordered.Skip(5).Take(7).Select(e => e.Id), result.Entries.Select(e => e.Id));
        Assert.Equal(published.Count(e => e.SelfPaced), count.Count);
    }

    [Theory]
    [InlineData(null, 100, null)]
    [InlineData("odata.maxpagesize=20", 20, "odata.maxpagesize=20")]
    [InlineData("odata.maxpagesize=500", 100, "odata.maxpagesize=100")]
    public async Task Pages_take_the_configured_size_or_a_smaller_asked_one(string? prefer, int size, string? applied)
    {
        // The test host is configured with PageSize 100, below the published entries and below $top's limit.
        var result = await api.GetAsync("/odata/LearningOpportunities?$select=Id", prefer is null ? [] : [("Prefer", prefer)]);

        Assert.Equal(size, result.Entries.Count);
        Assert.NotNull(result.NextLink);
        Assert.Equal(applied, result.Header("Preference-Applied"));
    }

    [Fact]
    public async Task Entries_of_a_page_carry_the_ETag_of_their_entity()
    {
        var page = await api.GetAsync("/odata/LearningOpportunities?$select=Id&$top=3");

        Assert.Equal(3, page.Entries.Count);
        foreach (var entry in page.Entries)
        {
            var single = await api.GetAsync($"/odata/LearningOpportunities({entry.Id})");
            Assert.StartsWith("W/\"", entry.Resource!.ETag, StringComparison.Ordinal);
            Assert.Equal(single.Header("ETag"), entry.Resource.ETag);
        }
        Assert.Equal(3, page.Entries.Select(e => e.Resource!.ETag).Distinct().Count());
    }

    [Fact]
    public async Task An_entity_has_an_ETag_and_If_None_Match_answers_304()
    {
        var id = (await HarvestCorpus.PublishedAsync())[0].Id;
        var first = await api.GetAsync($"/odata/LearningOpportunities({id})");
        var etag = first.Header("ETag")!;

        var again = await api.GetAsync($"/odata/LearningOpportunities({id})", ("If-None-Match", etag));
        var other = await api.GetAsync($"/odata/LearningOpportunities({id})", ("If-None-Match", "W/\"other\""));

        Assert.Equal(etag, first.Entries.Single().Resource!.ETag);
        Assert.Equal(HttpStatusCode.NotModified, again.Status);
        Assert.Equal(HttpStatusCode.OK, other.Status);
    }

    [Theory]
    [InlineData("$expand=LearningOutcomes($search=data)", "$search inside $expand")]
    [InlineData("$apply=groupby((Key))", "$apply")]
    [InlineData("$filter=length(Key) gt 3", "length")]
    [InlineData("$filter=Supervision gt 'SupervisedNoIdentityVerification'", "enumeration")]
    [InlineData("$top=10001", "$top")]
    [InlineData("$expand=LearningOutcomes($orderby=Origin)", "$orderby inside $expand")]
    [InlineData("$skiptoken=notatoken", "$skiptoken")]
    [InlineData("$filter=NoSuchProperty eq 1", "NoSuchProperty")]
    public async Task Unsupported_requests_answer_400_naming_what(string query, string named)
    {
        var result = await api.GetAsync("/odata/LearningOpportunities?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains(named, result.Error!.Message, StringComparison.Ordinal);
    }

    /// <summary>The model nests two levels (outcomes, their skill links): the default limit; a lower one is enforced.</summary>
    [Fact]
    public async Task Expansion_deeper_than_the_configured_limit_answers_400()
    {
        using var shallow = api.WithWebHostBuilder(builder => builder.UseSetting("Catalogue:Harvesting:MaxExpansionDepth", "1"));
        using var client = shallow.CreateClient();
        async Task<ODataResult> GetAsync(string query)
        {
            using var response = await client.GetAsync("/odata/LearningOpportunities?" + query);
            return await ODataResult.ReadAsync(response, api.Model);
        }

        var oneLevel = await GetAsync("$select=Id&$expand=LearningOutcomes,Providers&$filter=LearningOutcomes/$count ge 1&$top=1");
        var twoLevels = await GetAsync("$select=Id&$expand=LearningOutcomes($expand=SkillLinks)&$top=1");

        Assert.Equal(HttpStatusCode.OK, oneLevel.Status);
        Assert.NotEmpty(Assert.Single(oneLevel.Entries).Nested["LearningOutcomes"]);
        Assert.Equal(HttpStatusCode.BadRequest, twoLevels.Status);
        Assert.Contains("$expand", twoLevels.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("deep, but the maximum allowed is 1", twoLevels.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expansion_depth_and_filter_size_are_limited()
    {
        var deep = await api.GetAsync("/odata/LearningOpportunities?$expand=LearningOutcomes($expand=SkillLinks),Providers&$top=1");
        var tooBig = await api.GetAsync("/odata/LearningOpportunities?$filter=" + string.Join(" or ", Enumerable.Range(0, 60).Select(i => $"EqfLevel eq {i}")));

        Assert.Equal(HttpStatusCode.OK, deep.Status);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.Status);
        Assert.Contains("nodes", tooBig.Error!.Message, StringComparison.Ordinal);
    }
}
