using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LearningCatalogue.Catalogue.Exchange;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Storage;
using LearningCatalogue.Catalogue.Tests;
using LearningCatalogue.Rdf;
using LearningCatalogue.Rdf.Tests;
using LearningCatalogue.Search;
using LearningCatalogue.Search.Tests;
using LearningCatalogue.Skills.Linking;
using LearningCatalogue.Skills.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace LearningCatalogue.Cli.Tests;

/// <summary>
/// The commands that use the RDF store, on a data folder of their own: each starts the folder's managed Virtuoso (on free ports, given as
/// environment variables as a user would), works, and stops it. In the command-line collection: the console and the
/// environment are the process's.
/// </summary>
[Collection(CommandLineCollection.Name)]
public sealed class EscoCommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalogue-cli-esco-").FullName;
    private readonly StringWriter _output = new();
    private readonly TextWriter _console = Console.Out;
    private readonly IAnsiConsole _ansiConsole = AnsiConsole.Console;
    private readonly Dictionary<string, string> _environment;

    public EscoCommandLineTests()
    {
        _environment = new Dictionary<string, string>
        {
            ["Catalogue__Virtuoso__HttpPort"] = VirtuosoFixture.FreePort().ToString(),
            ["Catalogue__Virtuoso__SqlPort"] = VirtuosoFixture.FreePort().ToString(),
            ["Catalogue__Virtuoso__NumberOfBuffers"] = "20000",
            ["Catalogue__Virtuoso__MaxDirtyBuffers"] = "15000",
            ["Catalogue__Search__IndexFolder"] = Path.Combine(_folder, "indexes"),
        };
        foreach (var (name, value) in _environment) Environment.SetEnvironmentVariable(name, value);
        Console.SetOut(_output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_output),
        });
        console.Profile.Width = 500;
        AnsiConsole.Console = console;
    }

    public void Dispose()
    {
        Console.SetOut(_console);
        AnsiConsole.Console = _ansiConsole;
        foreach (var name in _environment.Keys) Environment.SetEnvironmentVariable(name, null);
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Data => Path.Combine(_folder, "data");

    private async Task<string> RunAsync(params string[] args)
    {
        _output.GetStringBuilder().Clear();
        Assert.Equal(0, await CatalogueCommandLine.Build().Parse(["--data", Data, .. args]).InvokeAsync());
        return _output.ToString();
    }

    [Fact]
    public async Task Esco_import_reindex_and_eval_work_on_the_data_folders_own_store()
    {
        using var package = new TinyPackage();
        var benchmark = Path.Combine(_folder, "tiny_validation.csv");
        await File.WriteAllTextAsync(benchmark, string.Join('\n',
            "sentence,skill_uri,gold_label",
            $"you will apply the plain skill daily,{TinyPackage.Plain},plain skill",
            $"some knowledge of the domain is a plus,{TinyPackage.Knowledge},some knowledge",
            $"some knowledge of the domain is a plus,{TinyPackage.Plain},plain skill"));

        var imported = await RunAsync("esco", "import", package.Folder, "--if-empty");
        var again = await RunAsync("esco", "import", "--if-empty");
        var reindexed = await RunAsync("esco", "reindex");
        // eval builds the suggestion index itself when there is none.
        Directory.Delete(Path.Combine(_folder, "indexes", "skills"), recursive: true);
        var evaluated = await RunAsync("eval", "skill-linking", benchmark);

        // Every language of the package: English first, then as found.
        Assert.Matches(@"Loaded [\d,]+ triples \(3 skills, 3 groups; en, de, fr\) in [\d.]+ s into http://learning-catalogue\.example/graph/esco-", imported);
        Assert.Matches(@"Indexed 3 released skills \((de|en|fr), (de|en|fr), (de|en|fr)\)", imported);
        Assert.Contains("already holds ESCO; nothing imported", again);
        Assert.Contains($"into {Path.Combine(_folder, "indexes", "skills")}", reindexed);
        // One line per file: its name, RP@1, RP@5, RP@10 as percentages, MRR, and the sentences (two, one with two gold skills).
        var lines = evaluated.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("Indexed 3 released skills", StringComparison.Ordinal));
        var line = Assert.Single(lines, l => l.StartsWith("tiny_validation.csv", StringComparison.Ordinal));
        var scores = Regex.Match(line, @"^tiny_validation\.csv +RP@1 +([\d.]+) +RP@5 +([\d.]+) +RP@10 +([\d.]+) +MRR ([\d.]+) +\(2 sentences\)$");
        Assert.True(scores.Success, line);
        // The second sentence names "some knowledge" only: its other gold skill is not found at any depth. RP@1 is
        // 1 for both sentences (min(1, 2) = 1), RP@5 and RP@10 are 1 and 1/2, MRR 1 and 1.
        Assert.Equal(["100.0", "75.0", "75.0", "1.000"], scores.Groups.Values.Skip(1).Select(g => g.Value));
        // The store was stopped by each command: the folder's server is not left running.
        Assert.False(File.Exists(Path.Combine(Data, "virtuoso", "virtuoso.lck")));
    }

    [Fact]
    public async Task Rdf_sync_writes_the_catalogues_links_from_the_database_into_the_store()
    {
        // The folder's Virtuoso started here, as a running web host would have it: the commands find it by its lock file
        // and leave it running, so that the test can read what they wrote.
        var virtuoso = new VirtuosoOptions
        {
            Folder = Path.Combine(Data, "virtuoso"),
            HttpPort = int.Parse(_environment["Catalogue__Virtuoso__HttpPort"], CultureInfo.InvariantCulture),
            SqlPort = int.Parse(_environment["Catalogue__Virtuoso__SqlPort"], CultureInfo.InvariantCulture),
            NumberOfBuffers = 20_000,
            MaxDirtyBuffers = 15_000,
        };
        await using var server = new VirtuosoServer(virtuoso, NullLogger<VirtuosoServer>.Instance);
        await server.StartAsync();
        var entry = SampleEntries.Full();
        var export = Path.Combine(_folder, "export.json");
        await File.WriteAllTextAsync(export, JsonSerializer.Serialize(new[] { entry }, CatalogueJson.Options));
        var storeOptions = virtuoso.ToStoreOptions();
        using var http = new HttpClient(SparqlHttpStore.CreatePrimaryHandler(storeOptions));
        var graph = new CatalogueGraph(new SparqlHttpStore(http, Options.Create(storeOptions), NullLogger<SparqlHttpStore>.Instance));
        var outcome = entry.LearningOutcomes[0];

        await RunAsync("import", "json", export);
        Assert.Empty(await graph.OutcomeLinksAsync(outcome.Id));
        var synced = await RunAsync("rdf", "sync");

        Assert.Contains($"Wrote the skill links of 1 learning opportunities to {graph.GraphIri}.", synced);
        Assert.Equal(outcome.SkillLinks.Select(l => l.SkillUri).Order(StringComparer.Ordinal), await graph.OutcomeLinksAsync(outcome.Id));
    }

    [Fact]
    public async Task Published_import_with_skill_links_then_index_rebuild_make_the_catalogue_searchable_by_skill()
    {
        // An extract of ESCO: the whole package takes over a minute to import and to index for suggestion, this takes seconds.
        // The import finds the store empty and loads the package ESCO's setting names, as it would ../shared/esco-data.
        using var esco = new EscoExtract(
            [EdxCorpus.ComputerProgramming, EdxCorpus.Python, EdxCorpus.ProjectManagement, EdxCorpus.Statistics, EdxCorpus.MarketingPrinciples, EdxCorpus.FinancialManagement],
            ["en", "fr", "es"]);
        _environment["Catalogue__Esco__Folder"] = esco.Folder;
        Environment.SetEnvironmentVariable("Catalogue__Esco__Folder", esco.Folder);
        var indexes = Path.Combine(_folder, "indexes");

        var imported = await RunAsync("import", "courses", SharedData.File("corpora/edx_courses.csv"), "--if-empty", "--skip-invalid", "--publish", "--link-skills");
        var rebuilt = await RunAsync("index", "rebuild");
        var first = File.ReadAllLines(Path.Combine(indexes, "current"))[0];
        var again = await RunAsync("index", "rebuild");
        var second = File.ReadAllLines(Path.Combine(indexes, "current"))[0];

        Assert.Matches(@"Indexed 6 released skills \((en|fr|es), (en|fr|es), (en|fr|es)\)", imported);
        Assert.Matches(@"Linked outcomes to [1-9][\d,]* suggested ESCO skills", imported);
        Assert.Contains("Imported 975 published entries; skipped 0 rows.", imported);
        // Progress while reading, then the summary.
        Assert.Contains("Indexing published entries", rebuilt);
        Assert.Contains("Indexed 975 published learning opportunities.", rebuilt);
        Assert.Contains("Indexed 975 published learning opportunities.", again);
        // Each rebuild writes a generation of its own and points "current" at it.
        Assert.NotEqual(first, second);
        Assert.True(Directory.Exists(Path.Combine(indexes, second)));

        await using var services = CatalogueCommandLine.Services(CatalogueCommandLine.Build().Parse(["--data", Data, "db", "migrate"]),
            add: (s, configuration) => s.AddCatalogueSearch(configuration));
        var entries = await services.GetRequiredService<LearningOpportunityStore>().StreamAllAsync().ToListAsync();
        Assert.All(entries, e => Assert.Equal(PublicationStatus.Published, e.Status));
        // The skill linked most often, and the entries the database links to it (or to a narrower skill).
        static IEnumerable<string> Linked(LearningOpportunity e) => e.LearningOutcomes.SelectMany(o => o.SkillLinks).Select(l => l.SkillUri);
        var skill = entries.SelectMany(e => Linked(e).Distinct()).GroupBy(u => u).MaxBy(g => g.Count())!.Key;
        var expected = entries
            .Where(e => Linked(e).Any(u => u == skill || EdxCorpus.Taxonomy.Ancestors(u).Contains(skill)))
            .Select(e => e.Id).ToHashSet();

        var hits = await services.GetRequiredService<CatalogueSearch>().AllHitsAsync(new SearchRequest
        {
            Filters = new Dictionary<string, IReadOnlyList<string>> { [Facets.Skill] = [skill] },
        });

        Assert.NotEmpty(expected);
        Assert.True(expected.Count < entries.Count);
        Assert.Equal(expected, hits.Select(h => h.Id).ToHashSet());
        Assert.Equal(hits.Count, expected.Count);
    }
}
