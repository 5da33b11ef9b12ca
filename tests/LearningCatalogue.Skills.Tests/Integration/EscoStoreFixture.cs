using LearningCatalogue.Catalogue.Tests;
using LearningCatalogue.Rdf;
using LearningCatalogue.Rdf.Tests;
using LearningCatalogue.Skills.Esco;
using LearningCatalogue.Skills.Suggestion;
using Microsoft.Extensions.Logging.Abstractions;

namespace LearningCatalogue.Skills.Tests.Integration;

/// <summary>
/// The tests that share one imported ESCO: they run one after the other, since some import again and a re-import
/// drops the graph another test may be reading.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EscoStoreCollection : ICollectionFixture<EscoStoreFixture>
{
    public const string Name = "ESCO in a SPARQL store";
}

/// <summary>A Virtuoso of its own with the whole of ESCO imported once, for every test of the collection.</summary>
public sealed class EscoStoreFixture : IAsyncLifetime
{
    private readonly VirtuosoFixture _virtuoso = new();

    public ISparqlStore Store { get; private set; } = null!;
    public VirtuosoFixture Virtuoso => _virtuoso;
    public EscoImportResult FirstImport { get; private set; } = null!;
    public List<EscoImportProgress> Progress { get; } = [];

    public async Task InitializeAsync()
    {
        await _virtuoso.InitializeAsync();
        Store = _virtuoso.Store;
        FirstImport = await new EscoImporter(Store).ImportAsync(SharedData.EscoFolder, new SyncProgress(Progress.Add));
    }

    private EscoTaxonomyCache? _taxonomies;

    /// <summary>
    /// The taxonomy read from the store once for the collection's hosts: reading all of ESCO over SPARQL takes seconds,
    /// and each test starts a host of its own. It reads again when an import makes another graph current.
    /// </summary>
    public EscoTaxonomyCache Taxonomies => _taxonomies ??=
        new EscoTaxonomyCache(new EscoSkillRepository(Store), Store, TimeProvider.System, NullLogger<EscoTaxonomyCache>.Instance);

    private readonly string _indexFolder = Directory.CreateTempSubdirectory("catalogue-skill-index-").FullName;
    private SkillSuggestionIndex? _suggestions;

    /// <summary>The skill suggestion index built from the store's ESCO, once for the collection (hosts open the same folder).</summary>
    public string SuggestionIndexFolder => _indexFolder;

    public async Task<SkillSuggestionIndex> SuggestionsAsync()
    {
        if (_suggestions is null)
        {
            var index = new SkillSuggestionIndex(_indexFolder);
            await index.BuildAsync(new EscoSkillRepository(Store).AllSkillsAsync());
            _suggestions = index;
        }
        return _suggestions;
    }

    public async Task DisposeAsync()
    {
        _suggestions?.Dispose();
        await _virtuoso.DisposeAsync();
        Directory.Delete(_indexFolder, recursive: true);
    }

    /// <summary>Reports synchronously: <see cref="Progress{T}"/> posts to the thread pool and may report after the import returns.</summary>
    private sealed class SyncProgress(Action<EscoImportProgress> report) : IProgress<EscoImportProgress>
    {
        public void Report(EscoImportProgress value) => report(value);
    }
}
