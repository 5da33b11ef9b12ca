// Search benchmark: indexes the 975 edX courses of ../shared (published, a sample linked to ESCO skills, as the search
// tests do), then measures, after a warm-up, the latency of type-ahead (target: under 20 ms) over prefixes of titles,
// providers and skill labels in English, French and Spanish, and of searches on the first page and deep in the cursor.
// Results go to benchmarks/results/search.txt (git-ignored).
//
//   dotnet run -c Release --project benchmarks/LearningCatalogue.Search.Benchmarks
using System.Diagnostics;
using System.Globalization;
using System.Text;
using LearningCatalogue.Search;
using LearningCatalogue.Search.Tests;

var report = new StringBuilder();
void Print(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

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

var (first, deep) = (new List<double>(), new List<double>());
for (var round = 0; round < 5; round++)
{
    var page = await corpus.Search.SearchAsync(new SearchRequest { Sort = SearchSort.Start, Size = 10 });
    for (var n = 1; page.NextCursor is { } cursor; n++)
    {
        var started = Stopwatch.GetTimestamp();
        page = await corpus.Search.SearchAsync(new SearchRequest { Sort = SearchSort.Start, Size = 10, Cursor = cursor });
        (n <= 5 ? first : deep).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
Print(Line("cursor pages 2-6", first));
Print(Line("cursor pages 7 and deeper", deep));

await corpus.DisposeAsync();
var results = Path.Combine(FindRepositoryRoot(), "benchmarks", "results");
Directory.CreateDirectory(results);
File.WriteAllText(Path.Combine(results, "search.txt"), report.ToString());

static string Line(string name, List<double> milliseconds)
{
    var sorted = milliseconds.Order().ToList();
    string At(double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(q * sorted.Count) - 1)].ToString("0.00", CultureInfo.InvariantCulture);
    return $"{name}: p50 {At(0.50)} ms, p95 {At(0.95)} ms, p99 {At(0.99)} ms, max {At(1.0)} ms";
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "LearningCatalogue.sln"))) return dir.FullName;
    }
    throw new DirectoryNotFoundException("Run the benchmark inside the repository.");
}
