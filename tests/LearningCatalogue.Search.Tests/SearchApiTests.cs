using LearningCatalogue.Catalogue.Tests;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LearningCatalogue.Catalogue;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LearningCatalogue.Search.Tests;

/// <summary>The real web host on a temporary data and index folder, with the ESCO taxonomy of the CSV package.</summary>
public sealed class SearchApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalogue-search-api-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Catalogue:DataFolder", Path.Combine(_folder, "data"));
        foreach (var (key, value) in TestHostSettings.WithoutRdfStore) builder.UseSetting(key, value);
        builder.UseSetting("Catalogue:Search:IndexFolder", Path.Combine(_folder, "indexes"));
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.ConfigureServices(services => services.AddSingleton<IEscoTaxonomySource>(EscoTaxonomySource.Fixed(EdxCorpus.Taxonomy)));
    }

    /// <summary>Publishes the corpus through the host's catalogue service: the index takes it near-real-time.</summary>
    public async Task InitializeAsync() =>
        await Services.GetRequiredService<CatalogueService>().RestoreAsync(await EdxCorpus.EntriesAsync());

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

public sealed class SearchApiTests(SearchApiFactory factory) : IClassFixture<SearchApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Search_answers_with_hits_facets_and_a_cursor()
    {
        const string search = "/api/search?q=programmation%20informatique&lang=fr&eqf=5&eqf=6&ects=1..6&sort=relevance&size=2";
        var result = (await _client.GetFromJsonAsync<JsonObject>(search))!;
        // More than two pages.
        Assert.True(result["total"]!.GetValue<int>() > 4, result["total"]!.ToString());
        var hit = result["hits"]![0]!;
        Assert.NotNull(hit["title"]);
        Assert.Contains(hit["outcomes"]!.AsArray().SelectMany(o => o!["skills"]!.AsArray()), s => s!["label"]!.GetValue<string>() == "programmation informatique");
        Assert.Equal(Facets.All, result["facets"]!.AsObject().Select(f => f.Key));

        // The cursor leads to the page that follows, as page 2 does.
        static List<string> Ids(JsonNode page) => page["hits"]!.AsArray().Select(h => h!["id"]!.GetValue<string>()).ToList();
        var cursor = result["nextCursor"]!.GetValue<string>();
        var next = (await _client.GetFromJsonAsync<JsonObject>($"{search}&cursor={Uri.EscapeDataString(cursor)}"))!;
        var second = (await _client.GetFromJsonAsync<JsonObject>($"{search}&page=2"))!;
        Assert.Equal(2, Ids(next).Count);
        Assert.Equal(Ids(second), Ids(next));
        Assert.Empty(Ids(next).Intersect(Ids(result)));
    }

    [Fact]
    public async Task Suggest_completes_a_prefix()
    {
        var result = (await _client.GetFromJsonAsync<JsonObject>("/api/search/suggest?prefix=harv&lang=en"))!;
        Assert.Contains(result["providers"]!.AsArray(), p => p!.GetValue<string>() == "Harvard University");
    }

    [Theory]
    [InlineData("/api/search?colour=red", "colour")]
    [InlineData("/api/search?ects=five..ten", "ects")]
    [InlineData("/api/search?start=2027-13-01..", "start")]
    [InlineData("/api/search?price=10..5", "price")]
    [InlineData("/api/search?size=101", "size")]
    [InlineData("/api/search?page=0", "page")]
    [InlineData("/api/search?page=1000&size=100", "page")]
    [InlineData("/api/search?sort=popularity", "sort")]
    [InlineData("/api/search?cursor=bm9wZQ", "cursor")]
    [InlineData("/api/search/suggest?prefix=", "prefix")]
    public async Task Bad_parameters_get_400_problem_details_naming_them(string url, string parameter)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(problem["errors"]!.AsObject().ContainsKey(parameter));
    }
}
