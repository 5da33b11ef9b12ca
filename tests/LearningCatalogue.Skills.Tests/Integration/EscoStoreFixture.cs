using LearningCatalogue.Rdf;
using LearningCatalogue.Rdf.Tests;
using LearningCatalogue.Skills.Esco;

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
    public EscoImportResult FirstImport { get; private set; } = null!;
    public List<EscoImportProgress> Progress { get; } = [];

    public async Task InitializeAsync()
    {
        await _virtuoso.InitializeAsync();
        Store = _virtuoso.Store;
        FirstImport = await new EscoImporter(Store).ImportAsync(SharedData.EscoFolder, new SyncProgress(Progress.Add));
    }

    public Task DisposeAsync() => _virtuoso.DisposeAsync();

    /// <summary>Reports synchronously: <see cref="Progress{T}"/> posts to the thread pool and may report after the import returns.</summary>
    private sealed class SyncProgress(Action<EscoImportProgress> report) : IProgress<EscoImportProgress>
    {
        public void Report(EscoImportProgress value) => report(value);
    }
}
