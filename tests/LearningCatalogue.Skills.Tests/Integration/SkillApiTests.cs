using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using LearningCatalogue.Catalogue.Exchange;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Tests;
using LearningCatalogue.Rdf;
using LearningCatalogue.Rdf.Tests;
using LearningCatalogue.Skills.Esco;
using LearningCatalogue.Skills.Linking;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LearningCatalogue.Skills.Tests.Integration;

/// <summary>The web host on the collection's Virtuoso (ESCO imported once): it builds its suggestion index from the store.</summary>
public sealed class SkillApiFactory(EscoStoreFixture store, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalogue-skills-api-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var options = store.Virtuoso.StoreOptions;
        builder.UseSetting("Catalogue:DataFolder", Path.Combine(_folder, "data"));
        builder.UseSetting("Catalogue:Search:IndexFolder", Path.Combine(_folder, "indexes"));
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.UseSetting("Catalogue:Virtuoso:Managed", "false");
        builder.UseSetting("Catalogue:Rdf:QueryEndpoint", options.QueryEndpoint.ToString());
        builder.UseSetting("Catalogue:Rdf:UpdateEndpoint", options.UpdateEndpoint.ToString());
        builder.UseSetting("Catalogue:Rdf:GraphStoreEndpoint", options.GraphStoreEndpoint.ToString());
        builder.UseSetting("Catalogue:Rdf:Username", options.Username);
        builder.UseSetting("Catalogue:Rdf:Password", options.Password);
        builder.UseSetting("Catalogue:Esco:SuggestionIndexFolder", store.SuggestionIndexFolder);
        if (settings is null)
        {
            builder.ConfigureServices(services => services.AddSingleton(store.Taxonomies));
        }
        else
        {
            // Other settings (another graph base, say) make another store: this host reads its own taxonomy.
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

[Collection(EscoStoreCollection.Name)]
public sealed class SkillApiTests : IDisposable
{
    private const string ComputerProgramming = "21d2f96d-35f7-4e3f-9745-c533d2dd6e97";
    private const string Java = "http://data.europa.eu/esco/skill/19a8293b-8e95-4de3-983f-77484079c389";
    private const string Skill = "http://data.europa.eu/esco/skill/";
    private const string MusicalStaff = "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab";
    private const string Haskell = "http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02";

    private readonly EscoStoreFixture _store;
    private readonly SkillApiFactory _factory;
    private readonly HttpClient _client;

    public SkillApiTests(EscoStoreFixture store)
    {
        _store = store;
        // Read all of ESCO before any request does: on a machine busy with the other test assemblies that takes long
        // enough to reach a request's timeout, and it is set-up, not what these tests look at.
        store.SuggestionsAsync().GetAwaiter().GetResult();
        store.Taxonomies.GetAsync().GetAwaiter().GetResult();
        _factory = new SkillApiFactory(store);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    /// <summary>The preferred label of a skill in one language, read from the CSV package rather than the store.</summary>
    private static string CsvLabel(string uuid, string language)
    {
        using var reader = new StreamReader(Path.Combine(SharedData.EscoFolder, $"skills_{language}.csv"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>()
            .Single(r => (string)r["conceptUri"] == Skill + uuid)["preferredLabel"].ToString()!;
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("es")]
    public async Task A_skill_is_looked_up_in_the_language_asked(string language)
    {
        var skill = await _client.GetFromJsonAsync<JsonObject>($"/api/skills/{ComputerProgramming}?lang={language}");

        Assert.Equal(CsvLabel(ComputerProgramming, language), skill!["preferredLabel"]!["value"]!.GetValue<string>());
        Assert.Equal(language, skill["preferredLabel"]!["language"]!.GetValue<string>());
        Assert.Equal("released", skill["status"]!.GetValue<string>());
        Assert.NotEmpty(skill["broaderChain"]!.AsArray());
        Assert.NotEmpty(skill["narrower"]!.AsArray());
    }

    [Fact]
    public async Task An_unknown_skill_is_not_found_and_a_bad_language_is_refused()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/skills/{Guid.NewGuid()}")).StatusCode);
        var response = await _client.GetAsync($"/api/skills/{ComputerProgramming}?lang=fr%22%7D");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("lang"));
    }

    [Fact]
    public async Task Skills_are_searched_in_French_and_filtered_by_type()
    {
        var french = await _client.GetFromJsonAsync<JsonObject>("/api/skills?q=programmation%20informatique&lang=fr");
        Assert.Contains(Skill + ComputerProgramming, french!["items"]!.AsArray().Take(5).Select(i => i!["uri"]!.GetValue<string>()));

        var english = await _client.GetFromJsonAsync<JsonObject>("/api/skills?q=computer%20programming&lang=en&size=3");
        Assert.Contains(Skill + ComputerProgramming, english!["items"]!.AsArray().Select(i => i!["uri"]!.GetValue<string>()));

        var knowledge = await _client.GetFromJsonAsync<JsonObject>("/api/skills?q=programming&lang=en&skillType=knowledge&size=50");
        Assert.NotEmpty(knowledge!["items"]!.AsArray());
        Assert.All(knowledge["items"]!.AsArray(), i => Assert.Equal("knowledge", i!["skillType"]!.GetValue<string>()));

        var bad = await _client.GetAsync("/api/skills?q=x&skillType=colour&size=1000&page=0");
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("skillType") && errors.ContainsKey("size") && errors.ContainsKey("page"));
    }

    [Fact]
    public async Task Skill_search_filters_by_collection_and_reuse_level_and_pages_through_every_match()
    {
        static string[] Uris(JsonObject page) => page["items"]!.AsArray().Select(i => i!["uri"]!.GetValue<string>()).ToArray();
        const string query = "/api/skills?q=data&lang=en&collection=digital&reuseLevel=cross-sector";

        var first = (await _client.GetFromJsonAsync<JsonObject>($"{query}&size=100"))!;
        var total = first["total"]!.GetValue<int>();
        var all = new List<string>(Uris(first));
        for (var page = 2; all.Count < total; page++) all.AddRange(Uris((await _client.GetFromJsonAsync<JsonObject>($"{query}&size=100&page={page}"))!));
        var second = (await _client.GetFromJsonAsync<JsonObject>($"{query}&size=5&page=2"))!;

        Assert.InRange(total, 6, 2_000);
        Assert.All(first["items"]!.AsArray(), i =>
        {
            Assert.Contains("digital", i!["collections"]!.AsArray().Select(c => c!.GetValue<string>()));
            Assert.Equal("cross-sector", i["reuseLevel"]!.GetValue<string>());
        });
        // Every match once, the total exact whatever the page size, and page 2 of 5 is the 6th to 10th hit.
        Assert.Equal(total, all.Distinct().Count());
        Assert.Equal(total, second["total"]!.GetValue<int>());
        Assert.Equal(all.Skip(5).Take(5), Uris(second));
        // Without the filters there are more matches, and the filtered ones are among them.
        var unfiltered = (await _client.GetFromJsonAsync<JsonObject>("/api/skills?q=data&lang=en&size=1"))!["total"]!.GetValue<int>();
        Assert.True(unfiltered > total, $"{unfiltered} unfiltered matches, {total} filtered");
    }

    [Fact]
    public async Task Outcome_texts_get_skill_suggestions_with_evidence_in_three_languages()
    {
        foreach (var (text, language) in new[] { ("Write programs in Java", "en"), ("Programmer en Java", "fr"), ("Programar en Java", "es") })
        {
            var suggestions = await (await _client.PostAsJsonAsync("/api/skills/suggest", new { text, language, k = 5 })).Content.ReadFromJsonAsync<JsonArray>();
            var java = suggestions!.Single(s => s!["uri"]!.GetValue<string>() == Java);
            Assert.Contains("Java", java!["evidence"]!.AsArray().SelectMany(e => e!["matchedTerms"]!.AsArray()).Select(t => t!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Links_are_validated_stored_in_both_stores_and_shown_in_the_language_asked()
    {
        var created = await _client.PostAsync("/api/learning-opportunities", JsonContent.Create(SampleEntries.Described(), options: CatalogueJson.Options));
        var entry = (await created.Content.ReadFromJsonAsync<LearningOpportunity>(CatalogueJson.Options))!;
        var path = $"/api/learning-opportunities/{entry.Id}/outcomes";

        async Task<JsonObject> Refused(object body)
        {
            var response = await _client.PutAsJsonAsync($"{path}/1/skills", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        }
        var unknown = Skill + Guid.NewGuid();
        Assert.Contains(unknown, (await Refused(new { linkedBy = "ana@uni.eu", skills = new[] { new { uri = Java }, new { uri = unknown } } }))["skills[1].uri"]!.ToJsonString());
        // Four distinct released skills: refused for their number alone.
        var four = await Refused(new { linkedBy = "ana@uni.eu", skills = new[] { Java, Skill + ComputerProgramming, MusicalStaff, Haskell }.Select(uri => new { uri }) });
        Assert.Equal(["skills"], four.Select(p => p.Key));
        Assert.Contains("one to 3", four["skills"]!.ToJsonString());
        // A skill group is released, but it is not a skill.
        Assert.True((await Refused(new { linkedBy = "ana@uni.eu", skills = new[] { new { uri = "http://data.europa.eu/esco/isced-f/0613" } } })).ContainsKey("skills[0].uri"));

        var linked = await _client.PutAsJsonAsync($"{path}/1/skills?lang=fr",
            new { linkedBy = "ana@uni.eu", skills = new[] { new { uri = Java, suggested = true }, new { uri = Skill + ComputerProgramming, suggested = false } } });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        // The answer shows the outcomes as a GET in the language asked does.
        Assert.Equal(CsvLabel(ComputerProgramming, "fr"), (await linked.Content.ReadFromJsonAsync<JsonArray>())![0]!["skillLinks"]![1]!["label"]!.GetValue<string>());

        var stored = await _client.GetFromJsonAsync<LearningOpportunity>($"/api/learning-opportunities/{entry.Id}", CatalogueJson.Options);
        var links = stored!.LearningOutcomes[0].SkillLinks;
        Assert.Equal([Java, Skill + ComputerProgramming], links.Select(l => l.SkillUri));
        Assert.Equal([SkillLinkSource.Suggested, SkillLinkSource.Manual], links.Select(l => l.Source));
        Assert.All(links, l => Assert.Equal("ana@uni.eu", l.LinkedBy));
        Assert.Equal(CsvLabel(ComputerProgramming, "en"), links[1].Label);

        var inRdf = await new CatalogueGraph(_store.Store).OutcomeLinksAsync(stored.LearningOutcomes[0].Id);
        Assert.Equal(new[] { Java, Skill + ComputerProgramming }.Order(), inRdf.Order());

        var french = await _client.GetFromJsonAsync<JsonArray>($"{path}?lang=fr");
        Assert.Equal(CsvLabel(ComputerProgramming, "fr"), french![0]!["skillLinks"]![1]!["label"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PutAsJsonAsync($"{path}/9/skills", new { linkedBy = "a", skills = new[] { new { uri = Java } } })).StatusCode);
    }

    [Fact]
    public async Task On_first_start_the_host_imports_ESCO_into_an_empty_store_and_builds_its_suggestion_index()
    {
        // An empty store for this host: a graph base of its own, where no ESCO graph is current yet.
        using var package = new TinyPackage();
        var options = _store.Virtuoso.VirtuosoOptions.ToStoreOptions();
        options.GraphBaseIri = $"http://graphs.example/{Guid.NewGuid():N}/";
        var store = _store.Virtuoso.CreateStore(new RecordingHandler(), options);
        var indexFolder = Directory.CreateTempSubdirectory("skill-index-first-start-").FullName;
        Assert.Null(await EscoGraph.CurrentAsync(store));
        try
        {
            await using var factory = new SkillApiFactory(_store, new Dictionary<string, string>
            {
                ["Catalogue:Rdf:GraphBaseIri"] = options.GraphBaseIri,
                ["Catalogue:Esco:Folder"] = package.Folder,
                ["Catalogue:Esco:SuggestionIndexFolder"] = indexFolder,
            });
            using var client = factory.CreateClient();

            var suggestions = await (await client.PostAsJsonAsync("/api/skills/suggest", new { text = "compétence simple", language = "fr", k = 1 }))
                .Content.ReadFromJsonAsync<JsonArray>();

            Assert.Equal(TinyPackage.Plain, Assert.Single(suggestions!)!["uri"]!.GetValue<string>());
            Assert.StartsWith(options.GraphBaseIri + "esco-", await EscoGraph.CurrentAsync(store));
        }
        finally
        {
            if (await EscoGraph.CurrentAsync(store) is { } imported) await store.DropGraphAsync(imported);
            await store.DropGraphAsync(EscoGraph.MetaGraph(store));
            Directory.Delete(indexFolder, recursive: true);
        }
    }

    [Fact]
    public async Task A_skill_that_is_not_released_is_refused_naming_it()
    {
        // An obsolete skill in the current ESCO graph, complete but for its status, as an ESCO release may carry one.
        var obsolete = Skill + Guid.NewGuid();
        var graph = Sparql.Iri((await EscoGraph.CurrentAsync(_store.Store))!);
        var triples = $"{Sparql.Iri(obsolete)} a <{EscoVocabulary.Concept}>, <{EscoVocabulary.MemberConcept}>, <{EscoVocabulary.Skill}> ; " +
            $"<{EscoVocabulary.Status}> {Sparql.Literal("obsolete")} ; <{EscoVocabulary.PrefLabel}> {Sparql.Literal("an obsolete skill", "en")} .";
        await _store.Store.UpdateAsync($"INSERT DATA {{ GRAPH {graph} {{ {triples} }} }}");
        try
        {
            var created = await _client.PostAsync("/api/learning-opportunities", JsonContent.Create(SampleEntries.Described("obsolete"), options: CatalogueJson.Options));
            var entry = (await created.Content.ReadFromJsonAsync<LearningOpportunity>(CatalogueJson.Options))!;

            var response = await _client.PutAsJsonAsync($"/api/learning-opportunities/{entry.Id}/outcomes/1/skills",
                new { linkedBy = "ana@uni.eu", skills = new[] { new { uri = Java }, new { uri = obsolete } } });

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
            Assert.Equal(["skills[1].uri"], errors.Select(e => e.Key));
            Assert.Contains(obsolete, errors["skills[1].uri"]!.ToJsonString());
            Assert.Empty((await _store.Store.QueryAsync(
                $"SELECT ?s WHERE {{ GRAPH <{new CatalogueGraph(_store.Store).GraphIri}> {{ <{CatalogueGraph.OutcomeIri(entry.LearningOutcomes[0].Id)}> ?p ?s }} }}")).Rows);
        }
        finally
        {
            await _store.Store.UpdateAsync($"DELETE DATA {{ GRAPH {graph} {{ {triples} }} }}");
        }
    }

    [Fact]
    public async Task Editing_an_outcome_away_or_deleting_the_entry_takes_its_links_out_of_the_RDF_store()
    {
        var created = await _client.PostAsync("/api/learning-opportunities", JsonContent.Create(SampleEntries.Described("rdf-sync"), options: CatalogueJson.Options));
        var entry = (await created.Content.ReadFromJsonAsync<LearningOpportunity>(CatalogueJson.Options))!;
        var path = $"/api/learning-opportunities/{entry.Id}";
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsJsonAsync($"{path}/outcomes/1/skills", new { linkedBy = "ana@uni.eu", skills = new[] { new { uri = Java } } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsJsonAsync($"{path}/outcomes/2/skills", new { linkedBy = "ana@uni.eu", skills = new[] { new { uri = Haskell } } })).StatusCode);
        var graph = new CatalogueGraph(_store.Store);
        var (first, second) = (entry.LearningOutcomes[0].Id, entry.LearningOutcomes[1].Id);
        Assert.Equal([Java], await graph.OutcomeLinksAsync(first));

        var stored = (await _client.GetFromJsonAsync<LearningOpportunity>(path, CatalogueJson.Options))!;
        var edited = await _client.PutAsync(path, JsonContent.Create(stored with { LearningOutcomes = [stored.LearningOutcomes[1]] }, options: CatalogueJson.Options));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        Assert.Empty(await graph.OutcomeLinksAsync(first));
        Assert.Equal([Haskell], await graph.OutcomeLinksAsync(second));
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync(path)).StatusCode);
        Assert.Empty(await graph.OutcomeLinksAsync(second));
        var left = await _store.Store.QueryAsync($"ASK {{ GRAPH <{graph.GraphIri}> {{ <{CatalogueGraph.SpecificationIri(entry.Id)}> ?p ?o }} }}");
        Assert.False(left.Boolean ?? true);
    }

    [Fact]
    public async Task Injection_through_a_search_or_a_skill_uri_changes_nothing()
    {
        // Records compare their dictionaries by reference: compare what they count.
        static string Counts(EscoCounts c) => $"{c.GraphIri} {c.Triples} {c.Skills} {c.Groups} " +
            string.Join(",", c.SkillPreferredLabels.Concat(c.SkillAlternativeLabels).Select(p => $"{p.Key}={p.Value}"));
        var before = Counts(await new EscoSkillRepository(_store.Store).CountsAsync());

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/skills?q=%22%20%7D%20DROP%20ALL%20%23")).StatusCode);
        var created = await _client.PostAsync("/api/learning-opportunities", JsonContent.Create(SampleEntries.Described("injection"), options: CatalogueJson.Options));
        var entry = (await created.Content.ReadFromJsonAsync<LearningOpportunity>(CatalogueJson.Options))!;
        var response = await _client.PutAsJsonAsync($"/api/learning-opportunities/{entry.Id}/outcomes/1/skills",
            new { linkedBy = "x", skills = new[] { new { uri = "http://data.europa.eu/esco/skill/x> } } ; DROP ALL ; #" } } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        Assert.Equal(before, Counts(await new EscoSkillRepository(_store.Store).CountsAsync()));
    }
}
