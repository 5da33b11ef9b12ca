using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningCatalogue.Catalogue.Exchange;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Tests;

namespace LearningCatalogue.Api.Tests;

public sealed class LearningOpportunityApiTests : IDisposable
{
    private const string Path = "/api/learning-opportunities";
    private readonly CatalogueApiFactory _factory = new();
    private readonly HttpClient _client;

    public LearningOpportunityApiTests() => _client = _factory.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static JsonContent Body(object value) => JsonContent.Create(value, options: CatalogueJson.Options);

    private static JsonNode Node(LearningOpportunity entry) => JsonSerializer.SerializeToNode(entry, CatalogueJson.Options)!;

    private async Task<int> TotalAsync() =>
        (await _client.GetFromJsonAsync<JsonObject>(Path))!["total"]!.GetValue<int>();

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Health_checks_the_database_and_reports_a_missing_RDF_store_as_degraded()
    {
        var response = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Healthy", report["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal("Degraded", report["checks"]!["rdf"]!["status"]!.GetValue<string>());
        Assert.Equal("Degraded", report["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_broken_database_makes_health_unhealthy_and_requests_answer_500_problem_details()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(Path)).StatusCode);
        _factory.BreakDatabase();

        var health = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = (await health.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Unhealthy", report["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal("Unhealthy", report["status"]!.GetValue<string>());
        var problem = await ProblemAsync(await _client.GetAsync(Path), HttpStatusCode.InternalServerError);
        Assert.Equal(500, problem["status"]!.GetValue<int>());
        // The problem names no internals: no exception text or stack trace reaches the caller.
        Assert.DoesNotContain("SQLite", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Skill_endpoints_answer_503_without_an_RDF_store()
    {
        await ProblemAsync(await _client.GetAsync("/api/skills/21d2f96d-35f7-4e3f-9745-c533d2dd6e97"), HttpStatusCode.ServiceUnavailable);
        await ProblemAsync(await _client.PostAsync("/api/skills/suggest", JsonContent.Create(new { text = "write Java code", language = "en" })), HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task An_entry_goes_through_create_read_update_and_delete()
    {
        var created = await _client.PostAsync(Path, Body(SampleEntries.Described() with { Status = PublicationStatus.Published }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entry = (await created.Content.ReadFromJsonAsync<LearningOpportunity>(CatalogueJson.Options))!;
        Assert.Equal($"{Path}/{entry.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal(PublicationStatus.Draft, entry.Status); // a provider cannot publish by creating

        var read = await _client.GetFromJsonAsync<LearningOpportunity>($"{Path}/{entry.Id}", CatalogueJson.Options);
        Assert.True(JsonNode.DeepEquals(Node(entry), Node(read!)));

        var changed = entry with { Title = [new("en", "Data literacy, second edition")], EqfLevel = 5 };
        var updated = await _client.PutAsync($"{Path}/{entry.Id}", Body(changed));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var afterUpdate = await _client.GetFromJsonAsync<LearningOpportunity>($"{Path}/{entry.Id}", CatalogueJson.Options);
        Assert.Equal("Data literacy, second edition", afterUpdate!.Title.Single().Value);
        Assert.Equal(5, afterUpdate.EqfLevel);
        Assert.Equal(entry.CreatedAt, afterUpdate.CreatedAt);
        Assert.True(afterUpdate.ModifiedAt >= entry.ModifiedAt);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"{Path}/{entry.Id}")).StatusCode);
        await ProblemAsync(await _client.GetAsync($"{Path}/{entry.Id}"), HttpStatusCode.NotFound);
        await ProblemAsync(await _client.DeleteAsync($"{Path}/{entry.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Writes_and_requests_are_logged_as_structured_events()
    {
        var created = await _client.PostAsync(Path, Body(SampleEntries.Described()));
        var entry = (await created.Content.ReadFromJsonAsync<LearningOpportunity>(CatalogueJson.Options))!;
        await _client.DeleteAsync($"{Path}/{entry.Id}");

        var writes = _factory.Log.Events.Where(e => e.Category == "LearningCatalogue.Catalogue.CatalogueService").ToList();
        Assert.Equal(["Created", "Deleted"], writes.Select(e => e.Message.Split(' ')[0]));
        Assert.All(writes, e => Assert.Equal(entry.Id, e.Properties["EntryId"]));
        Assert.Equal(entry.Key, writes[0].Properties["Key"]);
        var requests = _factory.Log.Events.Where(e => e.Category.StartsWith("Microsoft.AspNetCore.HttpLogging", StringComparison.Ordinal)).ToList();
        Assert.Contains(requests, e => $"{e.Properties.GetValueOrDefault("Method")} {e.Properties.GetValueOrDefault("Path")} {e.Properties.GetValueOrDefault("StatusCode")}"
            == $"POST {Path} 201");
    }

    [Fact]
    public async Task The_list_is_paged_and_carries_the_total()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync(Path, Body(SampleEntries.Described($"key-{i}")))).StatusCode);
        }

        var page = await _client.GetFromJsonAsync<JsonObject>($"{Path}?page=2&size=2");

        Assert.Equal(5, page!["total"]!.GetValue<int>());
        Assert.Equal(["key-2", "key-3"], page["items"]!.AsArray().Select(i => i!["key"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("size=101", "size")]
    [InlineData("size=0", "size")]
    [InlineData("page=0", "page")]
    public async Task Bad_paging_parameters_are_named(string query, string field)
    {
        var problem = await ProblemAsync(await _client.GetAsync($"{Path}?{query}"), HttpStatusCode.BadRequest);

        Assert.True(problem["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task An_invalid_entry_gets_problem_details_naming_each_field_and_stores_nothing()
    {
        var invalid = SampleEntries.Described() with { EctsCredits = 241, Homepage = "not a url", Fees = [new Fee(-1, "EUR")] };

        var problem = await ProblemAsync(await _client.PostAsync(Path, Body(invalid)), HttpStatusCode.BadRequest);

        Assert.Equal(["ectsCredits", "fees[0].amount", "homepage"], problem["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal(0, await TotalAsync());
    }

    [Fact]
    public async Task A_description_with_skill_links_is_refused_naming_the_outcome()
    {
        var problem = await ProblemAsync(await _client.PostAsync(Path, Body(SampleEntries.Full())), HttpStatusCode.BadRequest);

        Assert.Equal(["learningOutcomes[0].skillLinks"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("/outcomes/{n}/skills", problem["errors"]!["learningOutcomes[0].skillLinks"]![0]!.GetValue<string>());
        Assert.Equal(0, await TotalAsync());
    }

    [Theory]
    [InlineData("""{"key":"k","title":[{"language":"en","value":"T"}],"colour":"red"}""", "colour")]
    [InlineData("""{"key":"k","title":[{"language":"en","value":null}]}""", "title[0].value")]
    [InlineData("""{"key":"k","title":[{"language":"en","value":"T"}],"eqfLevel":"six"}""", "eqfLevel")]
    [InlineData("""{"key":"k","title":[{"language":"en","value":"T"}],"mode":"online"}""", "mode")]
    [InlineData("""{"key":"k","title":[{"language":"en","value":"T"}],"credentialKind":"diploma"}""", "credentialKind")]
    [InlineData("""{"key":"k","title":[{"language":"en","val""", "title[0]")]
    [InlineData("not json", "$")]
    public async Task A_malformed_body_is_refused_naming_the_field(string body, string field)
    {
        var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var problem = await ProblemAsync(await _client.PostAsync(Path, content), HttpStatusCode.BadRequest);

        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        Assert.Equal(0, await TotalAsync());
    }

    [Fact]
    public async Task A_key_taken_by_the_same_provider_is_a_conflict()
    {
        await _client.PostAsync(Path, Body(SampleEntries.Described("same")));

        var problem = await ProblemAsync(await _client.PostAsync(Path, Body(SampleEntries.Described("same"))), HttpStatusCode.Conflict);

        Assert.True(problem["errors"]!.AsObject().ContainsKey("key"));
        Assert.Equal(1, await TotalAsync());
    }

    [Fact]
    public async Task Completeness_lists_the_missing_Annex_I_elements()
    {
        var incomplete = SampleEntries.Described() with { EqfLevel = null, AssessmentTypes = [], QualityAssurance = [] };
        var entry = await (await _client.PostAsync(Path, Body(incomplete))).Content.ReadFromJsonAsync<LearningOpportunity>(CatalogueJson.Options);

        var report = await _client.GetFromJsonAsync<JsonObject>($"{Path}/{entry!.Id}/completeness");

        Assert.False(report!["complete"]!.GetValue<bool>());
        Assert.Equal(["assessmentTypes", "eqfLevel", "qualityAssurance"],
            report["missing"]!.AsArray().Select(m => m!["field"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Vocabularies_are_served_with_their_URIs()
    {
        var terms = await _client.GetFromJsonAsync<JsonArray>("/api/vocabularies/eqf");

        Assert.Equal(8, terms!.Count);
        Assert.Equal("http://data.europa.eu/snb/eqf/6", terms.Single(t => t!["code"]!.GetValue<string>() == "6")!["uri"]!.GetValue<string>());
        await ProblemAsync(await _client.GetAsync("/api/vocabularies/colours"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/learning-opportunities/not-a-guid", HttpStatusCode.NotFound)]
    [InlineData("PATCH", "/api/learning-opportunities", HttpStatusCode.MethodNotAllowed)]
    public async Task Every_error_is_problem_details(string method, string path, HttpStatusCode status)
    {
        var problem = await ProblemAsync(await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)), status);

        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_OpenAPI_description_covers_the_API()
    {
        var document = await _client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        Assert.Contains("/api/learning-opportunities", paths.Select(p => p.Key));
        Assert.Contains("/api/learning-opportunities/{id}", paths.Select(p => p.Key));
        Assert.Equal(["delete", "get", "put"], paths["/api/learning-opportunities/{id}"]!.AsObject().Select(o => o.Key).Order());
    }
}
