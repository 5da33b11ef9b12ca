// Search benchmark: indexes the 975 edX courses of ../shared (published, a sample linked to ESCO skills, as the search
// tests do), then measures, after a warm-up, the latency of type-ahead (target: p95 under 20 ms) over prefixes of
// titles, providers and skill labels in English, French and Spanish, and of searches with facets. Then it adds copies
// of the corpus (new ids and keys) until one hit per page takes over 5,000 pages, and measures cursor paging: page 1
// against pages 4,951 to 5,000 of that walk (target: the same cost at any depth), with page/size paging to page 5,000
// beside it. Results go to benchmarks/results/search.txt (git-ignored).
//
//   dotnet run -c Release --project benchmarks/LearningCatalogue.Search.Benchmarks
using System.Diagnostics;
using LearningCatalogue.Search;
using LearningCatalogue.Search.Tests;
using static Measurements;

const double SuggestTargetMs = 20;
const int DeepestPage = 5_000;
const int DeepPages = 50;
const int PagingRounds = 401;

var corpus = new IndexedCorpus();
var clock = Stopwatch.StartNew();
await corpus.InitializeAsync();
Print($"Search benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
Print($"Corpus: {corpus.Published.Count} published of {corpus.Entries.Count} entries, imported and indexed in {clock.Elapsed.TotalSeconds:0.0} s");

// Prefixes a learner types: the first 2 to 6 letters of titles, provider names and linked skills' labels.
var words = corpus.Published.SelectMany(e => e.Title.Select(t => t.Value).Concat(e.Providers.Select(p => p.Name)))
    .Concat(corpus.Published.SelectMany(e => e.LearningOutcomes.SelectMany(o => o.SkillLinks)).Select(l => l.Label ?? ""))
    .Concat(["programmation", "gestión", "développement", "estadística", "finanzas"])
    .SelectMany(text => text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    .Where(w => w.Length >= 2).Distinct().ToList();
var prefixes = words.SelectMany(w => Enumerable.Range(2, Math.Min(5, w.Length - 1)).Select(n => w[..n])).Distinct().ToList();
string[] languages = ["en", "fr", "es"];

foreach (var prefix in prefixes.Take(200)) await corpus.Search.SuggestAsync(prefix, "en");
var suggest = new List<double>();
for (var i = 0; i < prefixes.Count; i++)
{
    var started = Stopwatch.GetTimestamp();
    await corpus.Search.SuggestAsync(prefixes[i], languages[i % languages.Length]);
    suggest.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}
Print(Line($"suggest ({prefixes.Count} prefixes)", suggest));
Print($"  target p95 < {SuggestTargetMs} ms: {(Percentile(suggest, 0.95) < SuggestTargetMs ? "met" : "NOT MET")}");

string[] queries = ["data science", "managment", "programmation informatique", "\"machine learning\"", "gestión de proyectos", "python", "finance"];
var search = new List<double>();
for (var round = 0; round < 20; round++)
{
    foreach (var query in queries)
    {
        var started = Stopwatch.GetTimestamp();
        await corpus.Search.SearchAsync(new SearchRequest { Query = query, Filters = new Dictionary<string, IReadOnlyList<string>> { [Facets.Eqf] = ["5"] } });
        if (round > 0) search.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
Print(Line($"search with facets ({search.Count} queries)", search));

// Copies of the corpus under new ids and keys, enough for more than 5,000 published entries, then a rebuild, so that
// the index is as a rebuild leaves it.
var copies = DeepestPage / corpus.Published.Count;
var originals = await EdxCorpus.EntriesAsync();
clock.Restart();
for (var copy = 1; copy <= copies; copy++)
{
    await corpus.Catalogue.Service.RestoreAsync(originals.Select(e => e with
    {
        Id = Guid.CreateVersion7(),
        Key = $"{e.Key}-copy-{copy}",
        LearningOutcomes = e.LearningOutcomes.Select(o => o with { Id = Guid.CreateVersion7() }).ToList(),
    }).ToList());
}
var indexed = await corpus.Index.RebuildAsync();
Print($"Paging corpus: {copies} copies added, {indexed} published entries indexed in {clock.Elapsed.TotalSeconds:0.0} s");

// One hit per page walks every published entry in as many pages; page 1 and pages up to 5,000 of that walk are then
// asked again in turn, so that both see the same warm index. cursors[i] leads to page i + 2.
var byStart = new SearchRequest { Sort = SearchSort.Start, Size = 1 };
var cursors = new List<string>();
for (var page = await corpus.Search.SearchAsync(byStart); page.NextCursor is { } cursor; page = await corpus.Search.SearchAsync(byStart with { Cursor = cursor }))
{
    cursors.Add(cursor);
}
var deepest = cursors[(DeepestPage - DeepPages - 1)..(DeepestPage - 1)];
var (first, deep, paged) = (new List<double>(), new List<double>(), new List<double>());
for (var round = 0; round < PagingRounds; round++)
{
    var started = Stopwatch.GetTimestamp();
    await corpus.Search.SearchAsync(byStart);
    if (round > 0) first.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    started = Stopwatch.GetTimestamp();
    await corpus.Search.SearchAsync(byStart with { Cursor = deepest[round % DeepPages] });
    if (round > 0) deep.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    started = Stopwatch.GetTimestamp();
    await corpus.Search.SearchAsync(byStart with { Page = DeepestPage - round % DeepPages });
    if (round > 0) paged.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}
Print(Line("cursor page 1 (size 1)", first));
Print(Line($"cursor pages {DeepestPage - DeepPages + 1:N0}-{DeepestPage:N0} (size 1)", deep));
Print($"  pages near 5,000 / page 1, p50: {Percentile(deep, 0.5) / Percentile(first, 0.5):0.00}");
Print(Line($"page/size pages {DeepestPage - DeepPages + 1:N0}-{DeepestPage:N0} (size 1)", paged));

await corpus.DisposeAsync();
WriteResults("search.txt");
