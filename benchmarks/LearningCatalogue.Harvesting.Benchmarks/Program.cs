// Harvesting paging benchmark: fills a SQLite catalogue with 25,250 published entries, harvests every page of 5 by
// following @odata.nextLink through the web host (the whole ASP.NET Core pipeline in process: URL parsing, SQL,
// loading the entries and writing the OData JSON), then asks page 1 and the pages 4,951-5,000 of that walk again in
// turn, so that both see the same warm database. Keyset paging should make the deep pages cost what page 1 costs.
// Results go to benchmarks/results/harvesting.txt (git-ignored).
//
//   dotnet run -c Release --project benchmarks/LearningCatalogue.Harvesting.Benchmarks
using System.Diagnostics;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Tests;
using LearningCatalogue.Harvesting.Tests;
using static Measurements;

const int Entries = 25_250;
const int PageSize = 5;
const int DeepPage = 5_000;
const int DeepPages = 50;
const int Rounds = 401;
const int Batch = 1_000;

// The web host's content root, which the test host factory finds on its own only from a test assembly.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LEARNINGCATALOGUE_API", Path.Combine(SharedData.RepositoryRoot, "src", "LearningCatalogue.Api"));
await using var host = new HarvestingHost();
await host.InitializeAsync();
var clock = Stopwatch.StartNew();
// Straight into the store, in batches: harvesting without $search reads the database only, so the search index (which
// the catalogue service would also update) plays no part in what is measured.
for (var start = 0; start < Entries; start += Batch)
{
    await host.Catalogue.Store.AddRangeAsync(Enumerable.Range(start, Math.Min(Batch, Entries - start))
        .Select(i => SampleEntries.Full($"harvest-benchmark-{i}") with { Status = PublicationStatus.Published }).ToList());
}
Print($"Harvesting benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
Print($"Catalogue: {Entries} published entries (SQLite), stored in {clock.Elapsed.TotalSeconds:0.0} s; pages of {PageSize} (Prefer: odata.maxpagesize={PageSize})");

const string FirstPage = "/odata/LearningOpportunities";
(string, string) prefer = ("Prefer", $"odata.maxpagesize={PageSize}");
async Task<Uri?> PageAsync(string url)
{
    var page = await host.GetAsync(url, prefer);
    if (page.Status != System.Net.HttpStatusCode.OK || page.Entries.Count != PageSize) throw new InvalidOperationException($"{url} answered {page.Status} with {page.Entries.Count} entries.");
    return page.NextLink;
}

// The link to page n + 1 is links[n - 1]; the walk stops at the deepest page measured.
clock.Restart();
var links = new List<string>();
for (var next = await PageAsync(FirstPage); next is not null && links.Count < DeepPage - 1; next = await PageAsync(links[^1])) links.Add(next.PathAndQuery);
Print($"Walked pages 1-{links.Count + 1} through @odata.nextLink in {clock.Elapsed.TotalSeconds:0.0} s");
var deepest = links[^DeepPages..];

var (first, deep) = (new List<double>(), new List<double>());
for (var round = 0; round < Rounds; round++)
{
    var started = Stopwatch.GetTimestamp();
    await PageAsync(FirstPage);
    if (round > 0) first.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    started = Stopwatch.GetTimestamp();
    await PageAsync(deepest[round % DeepPages]);
    if (round > 0) deep.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}
Print(Line("page 1", first));
Print(Line($"pages {links.Count + 2 - DeepPages}-{links.Count + 1}", deep));
Print($"  deep / first page: p50 {Percentile(deep, 0.5) / Percentile(first, 0.5):0.00}, p95 {Percentile(deep, 0.95) / Percentile(first, 0.95):0.00}");

WriteResults("harvesting.txt");
