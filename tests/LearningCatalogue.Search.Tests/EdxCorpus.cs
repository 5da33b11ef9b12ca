using LearningCatalogue.Catalogue;
using LearningCatalogue.Catalogue.Import;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Tests;
using LearningCatalogue.Skills.Esco;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Search.Tests;

/// <summary>
/// The 975 real edX courses of ../shared, imported once per test run with the edX importer, then given what the source
/// lacks so that every facet and range has values to test (deterministically by row: EQF level, ECTS, start date,
/// provider country, form of participation, ISCED-F field, learning schedule, one or two assessment types, some paid fees and
/// micro-credentials), published (but every tenth, left a draft),
/// and with the first outcome of courses on a handful of subjects linked to real ESCO skills of the CSV package.
/// </summary>
public static class EdxCorpus
{
    public const string ComputerProgramming = "http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97";
    public const string Python = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d";
    public const string ProjectManagement = "http://data.europa.eu/esco/skill/7111b95d-0ce3-441a-9d92-4c75d05c4388";
    public const string Statistics = "http://data.europa.eu/esco/skill/7ee4c2ea-b349-4bd2-81a3-ec31475d4833";
    public const string MarketingPrinciples = "http://data.europa.eu/esco/skill/de03f4fd-c147-4477-a048-7109e5ba2d6f";
    public const string FinancialManagement = "http://data.europa.eu/esco/skill/52e53619-fa77-4f72-b237-5e4aae784dc2";

    private static readonly string[] Countries = ["BEL", "FRA", "ESP", "USA", "DEU"];
    // Learning schedules (part time light, full time, part time intensive) and assessment types (written and oral
    // examination, project work, quiz) of the Europass vocabularies.
    private static readonly string[] Schedules = ["67395e6b5a", "72a0ab92fa", "f230bae523"];
    private static readonly string[] Assessments = ["6e6cb2cc78", "d30284d7df", "795dac4096", "b1b68f6735"];

    // First matching rule wins: a Python course links to Python, not to programming in general.
    private static readonly (string[] Words, string Skill)[] SkillRules =
    [
        (["python"], Python),
        (["programming", "programación"], ComputerProgramming),
        (["project management", "gestión de proyectos", "gestion de projets"], ProjectManagement),
        (["statistic", "estadística"], Statistics),
        (["marketing"], MarketingPrinciples),
        (["financ", "finanzas"], FinancialManagement),
    ];

    private static readonly Lazy<EscoTaxonomy> LazyTaxonomy = new(() =>
        new EscoTaxonomy(EscoCsvPackage.Read(Path.Combine(SharedData.Folder, "esco-data")).Concepts));

    private static readonly Lazy<Task<IReadOnlyList<LearningOpportunity>>> LazyEntries = new(LoadAsync);

    /// <summary>The ESCO skills pillar of the CSV package (English, French and Spanish labels).</summary>
    public static EscoTaxonomy Taxonomy => LazyTaxonomy.Value;

    /// <summary>The corpus entries, ready to restore (fresh ids per call are not needed: each catalogue is its own database).</summary>
    public static Task<IReadOnlyList<LearningOpportunity>> EntriesAsync() => LazyEntries.Value;

    /// <summary>A catalogue with its own index (in a temporary folder) that every write through <see cref="Service"/> updates.</summary>
    public static CatalogueIndex NewIndex(TestCatalogue catalogue, string folder) => new(
        Options.Create(new SearchOptions { IndexFolder = folder }), catalogue.Store, EscoTaxonomySource.Fixed(Taxonomy), TimeProvider.System);

    private static async Task<IReadOnlyList<LearningOpportunity>> LoadAsync()
    {
        using var scratch = new TestCatalogue();
        using (var csv = new StreamReader(SharedData.File("corpora/edx_courses.csv")))
        {
            await new EdxCourseImporter(scratch.Service, scratch.Vocabularies).ImportAsync(csv);
        }
        var drafts = await scratch.Store.StreamAllAsync().ToListAsync();
        return drafts.Select(Enrich).ToList();
    }

    private static LearningOpportunity Enrich(LearningOpportunity entry, int row)
    {
        var title = entry.Title[0].Value.ToLowerInvariant();
        var skill = SkillRules.FirstOrDefault(r => r.Words.Any(title.Contains)).Skill;
        var outcomes = entry.LearningOutcomes.Select((o, i) => i == 0 && skill is not null
            ? o with
            {
                SkillLinks =
                [
                    new SkillLink
                    {
                        SkillUri = skill, Label = Taxonomy.Label(skill, "en"), LinkedBy = "search-tests",
                        LinkedAt = entry.CreatedAt, Source = SkillLinkSource.Suggested,
                    },
                ],
            }
            : o).ToList();
        return entry with
        {
            Status = row % 10 == 9 ? PublicationStatus.Draft : PublicationStatus.Published,
            Providers = entry.Providers.Select(p => p with { Country = Countries[p.Name.Length % Countries.Length] }).ToList(),
            LearningOutcomes = outcomes,
            EqfLevel = 4 + row % 4,
            EctsCredits = row % 4 == 0 ? null : 1 + row % 6,
            StartDate = row % 5 == 0 ? null : new DateOnly(2027, 1, 1).AddDays(row * 37 % 365),
            // Mostly online as edX is, some blended or presential.
            Mode = (row % 6) switch { 1 => "e92d221e4d", 4 => "9191af2ed9", _ => entry.Mode },
            ThematicFields = (row % 3) switch { 0 => ["0613"], 1 => ["0413"], _ => [] },
            LearningSchedule = row % 4 == 3 ? null : Schedules[row % 3],
            AssessmentTypes = (row % 5) switch { 4 => [], 0 or 2 => [Assessments[row % 4]], _ => [Assessments[row % 4], Assessments[(row + 1) % 4]] },
            Fees = row % 7 == 0 ? [new Fee(50 + row % 100, "EUR")] : entry.Fees,
            CredentialKind = row % 11 == 0 ? CredentialKind.MicroCredential : entry.CredentialKind,
        };
    }
}

/// <summary>The corpus in a catalogue of its own, indexed by a full rebuild; tests of this fixture only read.</summary>
public sealed class IndexedCorpus : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalogue-index-").FullName;

    public TestCatalogue Catalogue { get; } = new();
    public CatalogueIndex Index { get; private set; } = null!;
    public CatalogueSearch Search { get; private set; } = null!;
    public CatalogueService Service { get; private set; } = null!;

    /// <summary>The entries as the database holds them.</summary>
    public IReadOnlyList<LearningOpportunity> Entries { get; private set; } = [];

    public IReadOnlyList<LearningOpportunity> Published => Entries.Where(e => e.Status == PublicationStatus.Published).ToList();

    public async Task InitializeAsync()
    {
        Index = EdxCorpus.NewIndex(Catalogue, _folder);
        Search = new CatalogueSearch(Index, Options.Create(new SearchOptions()));
        Service = new CatalogueService(Catalogue.Store, Catalogue.Validator, TimeProvider.System, [Index]);
        await Catalogue.Service.RestoreAsync(await EdxCorpus.EntriesAsync());
        await Index.RebuildAsync();
        Entries = await Catalogue.Store.StreamAllAsync().ToListAsync();
    }

    public Task DisposeAsync()
    {
        Index.Dispose();
        Catalogue.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Every hit of a search, page after page with the cursor.</summary>
    public Task<List<SearchHit>> AllHitsAsync(SearchRequest request) => Search.AllHitsAsync(request);
}

public static class CatalogueSearchExtensions
{
    /// <summary>Every hit of a search, page after page with the cursor.</summary>
    public static async Task<List<SearchHit>> AllHitsAsync(this CatalogueSearch search, SearchRequest request)
    {
        var hits = new List<SearchHit>();
        for (var page = await search.SearchAsync(request with { Size = 100 }); ; page = await search.SearchAsync(request with { Size = 100, Cursor = page.NextCursor }))
        {
            hits.AddRange(page.Hits);
            if (page.NextCursor is null) return hits;
        }
    }
}
