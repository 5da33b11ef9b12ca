using System.Collections.Concurrent;
using System.Globalization;
using LearningCatalogue.Catalogue;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Storage;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Search;

/// <summary>Progress of a full rebuild: entries read from the database so far, of how many.</summary>
public readonly record struct RebuildProgress(int Read, int Total);

/// <summary>
/// The catalogue's Lucene index: one document per published entry. It lives in generations, folders under the index
/// folder of which the file "current" names the one serving. Changes committed through <see cref="CatalogueService"/>
/// reach the serving generation at once (near-real-time); a full rebuild writes a new generation and then switches
/// "current" with an atomic rename, so a crash during a rebuild leaves the old generation serving.
/// </summary>
/// <remarks>
/// A rebuild may run in another process (the `catalogue index rebuild` command): every search and change first checks
/// whether "current" changed and if so switches to the new generation, replaying the changes this process made since
/// that rebuild started, which the rebuild may have read before they were committed.
/// </remarks>
public sealed class CatalogueIndex : ICatalogueChangeListener, IDisposable
{
    private const string PointerName = "current";
    // Changes are remembered this long for replay onto a generation rebuilt meanwhile; a rebuild takes minutes.
    private static readonly TimeSpan ReplayWindow = TimeSpan.FromDays(1);

    private readonly string _root;
    private readonly LearningOpportunityStore _store;
    private readonly IEscoTaxonomySource _taxonomySource;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    // Serialises every use of the writers: changes, opening, switching.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _recentChanges = new();
    private volatile Generation? _current;

    public CatalogueIndex(
        IOptions<SearchOptions> options, LearningOpportunityStore store, IEscoTaxonomySource taxonomySource,
        TimeProvider clock, ILogger<CatalogueIndex>? logger = null)
    {
        _root = Path.GetFullPath(options.Value.IndexFolder);
        _store = store;
        _taxonomySource = taxonomySource;
        _clock = clock;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    internal SearchAnalyzers Analyzers { get; } = new();

    /// <summary>Whether a generation has been written (false before the first rebuild or change).</summary>
    public bool Exists => File.Exists(PointerPath);

    private string PointerPath => Path.Combine(_root, PointerName);

    /// <summary>A searcher on the latest state of the serving generation; dispose the lease when done.</summary>
    internal async Task<SearcherLease> AcquireAsync(CancellationToken cancellationToken)
    {
        await EnsureCurrentAsync(cancellationToken);
        while (true)
        {
            var generation = _current!;
            // A generation retired by a switch meanwhile refuses: take the new one.
            if (generation.TryRetain()) return new SearcherLease(generation);
        }
    }

    /// <summary>Applies a committed change to the serving generation and makes it visible to the next search.</summary>
    public async Task OnCommittedAsync(CatalogueChange change, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        foreach (var id in change.Saved.Select(e => e.Id).Concat(change.Deleted)) _recentChanges[id] = now;
        foreach (var (id, at) in _recentChanges)
        {
            if (now - at > ReplayWindow) _recentChanges.TryRemove(id, out _);
        }
        try
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await EnsureCurrentLockedAsync(cancellationToken);
                await ApplyAsync(_current!, change.Saved, change.Deleted, cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database holds the change whatever happens here; the index lacks it until the next rebuild.
            _logger.LogError(exception, "The search index could not take a change of {Count} entries; run `catalogue index rebuild`.",
                change.Saved.Count + change.Deleted.Count);
        }
    }

    /// <summary>
    /// Indexes every published entry into a new generation, then makes it the serving one. Searches keep answering from
    /// the old generation meanwhile. Returns the number of entries indexed.
    /// </summary>
    public async Task<int> RebuildAsync(IProgress<RebuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var startedAt = _clock.GetUtcNow();
        var taxonomy = await _taxonomySource.LoadAsync(cancellationToken);
        var total = await _store.CountAsync(cancellationToken);
        var name = $"gen-{startedAt:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}"[..36];
        var folder = Path.Combine(_root, name);
        var indexed = 0;
        try
        {
            using var directory = FSDirectory.Open(folder);
            using var writer = NewWriter(directory, OpenMode.CREATE);
            var read = 0;
            await foreach (var entry in _store.StreamAllAsync(cancellationToken))
            {
                if (SearchDocumentBuilder.IsSearchable(entry))
                {
                    writer.AddDocument(SearchDocumentBuilder.Build(entry, taxonomy));
                    indexed++;
                }
                progress?.Report(new RebuildProgress(++read, Math.Max(total, read)));
            }
            writer.Commit();
        }
        catch
        {
            // A failed rebuild leaves nothing behind; "current" still names the old generation.
            TryDelete(folder);
            throw;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var previous = ReadPointer()?.Name;
            WritePointer(new Pointer(name, startedAt));
            // A process that serves switches at once; the old generation goes once its searches are done.
            if (_current is not null) await SwitchLockedAsync(cancellationToken);
            DeleteGenerationsExcept(name, previous);
        }
        finally
        {
            _gate.Release();
        }
        _logger.LogInformation("Rebuilt the search index: {Indexed} published entries of {Total} in generation {Generation}.", indexed, total, name);
        return indexed;
    }

    public void Dispose()
    {
        _current?.Release();
        _current = null;
        Analyzers.Dispose();
        _gate.Dispose();
    }

    private async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        if (_current is { } generation && generation.PointerStamp == PointerStamp()) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureCurrentLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Opens the serving generation, creating an empty one on first use, or switches to the one a rebuild made current.</summary>
    private async Task EnsureCurrentLockedAsync(CancellationToken cancellationToken)
    {
        if (_current is { } generation && generation.PointerStamp == PointerStamp()) return;
        if (!Exists)
        {
            var name = $"gen-empty-{Guid.NewGuid():N}";
            using (var directory = FSDirectory.Open(Path.Combine(_root, name)))
            using (var writer = NewWriter(directory, OpenMode.CREATE))
            {
                writer.Commit();
            }
            WritePointer(new Pointer(name, _clock.GetUtcNow()));
        }
        await SwitchLockedAsync(cancellationToken);
    }

    /// <summary>Serves the generation "current" names, replaying onto it the changes made since its rebuild started.</summary>
    private async Task SwitchLockedAsync(CancellationToken cancellationToken)
    {
        var stamp = PointerStamp();
        var pointer = ReadPointer() ?? throw new InvalidOperationException($"The index folder {_root} has no '{PointerName}' file.");
        var old = _current;
        if (old?.Name == pointer.Name)
        {
            old.PointerStamp = stamp;
            return;
        }
        var generation = Generation.Open(Path.Combine(_root, pointer.Name), pointer.Name, stamp, this);
        var missed = _recentChanges.Where(c => c.Value >= pointer.StartedAt).Select(c => c.Key).ToList();
        if (missed.Count > 0)
        {
            var saved = new List<LearningOpportunity>();
            var deleted = new List<Guid>();
            foreach (var id in missed)
            {
                if (await _store.FindAsync(id, cancellationToken) is { } entry) saved.Add(entry);
                else deleted.Add(id);
            }
            await ApplyAsync(generation, saved, deleted, cancellationToken);
        }
        _current = generation;
        old?.Retire();
    }

    private async Task ApplyAsync(Generation generation, IReadOnlyList<LearningOpportunity> saved, IReadOnlyList<Guid> deleted, CancellationToken cancellationToken)
    {
        // Asked at every change rather than kept: a taxonomy missing while the RDF store was down, or replaced by an
        // ESCO import since, must not stay. The store's source keeps it and checks the store's ESCO graph for that.
        var taxonomy = await _taxonomySource.LoadAsync(cancellationToken);
        var writer = generation.Writer;
        foreach (var entry in saved)
        {
            var id = new Term(SearchFields.Id, SearchDocumentBuilder.Id(entry.Id));
            if (SearchDocumentBuilder.IsSearchable(entry)) writer.UpdateDocument(id, SearchDocumentBuilder.Build(entry, taxonomy));
            else writer.DeleteDocuments(id);
        }
        foreach (var id in deleted) writer.DeleteDocuments(new Term(SearchFields.Id, SearchDocumentBuilder.Id(id)));
        writer.Commit();
        generation.Searchers.MaybeRefreshBlocking();
    }

    private IndexWriter NewWriter(Lucene.Net.Store.Directory directory, OpenMode mode) =>
        new(directory, new IndexWriterConfig(SearchAnalyzers.Version, Analyzers) { OpenMode = mode });

    private DateTime PointerStamp() => File.GetLastWriteTimeUtc(PointerPath);

    private sealed record Pointer(string Name, DateTimeOffset StartedAt);

    private Pointer? ReadPointer()
    {
        if (!Exists) return null;
        var lines = File.ReadAllLines(PointerPath);
        return new Pointer(lines[0].Trim(), DateTimeOffset.Parse(lines[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Written beside and renamed over the old one: readers see the old pointer or the new, never half of one.</summary>
    private void WritePointer(Pointer pointer)
    {
        System.IO.Directory.CreateDirectory(_root);
        var temporary = PointerPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllLines(temporary, [pointer.Name, pointer.StartedAt.ToString("O", CultureInfo.InvariantCulture)]);
        File.Move(temporary, PointerPath, overwrite: true);
    }

    /// <summary>
    /// Removes generations left by crashed rebuilds and older switches. The one just replaced may still serve another
    /// process until it notices the switch; that process removes it.
    /// </summary>
    private void DeleteGenerationsExcept(string current, string? previous)
    {
        foreach (var folder in System.IO.Directory.EnumerateDirectories(_root, "gen-*"))
        {
            var name = Path.GetFileName(folder);
            if (name != current && name != previous) TryDelete(folder);
        }
    }

    private void TryDelete(string folder)
    {
        try
        {
            if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (IOException exception)
        {
            _logger.LogWarning(exception, "Could not remove the old index generation {Folder}; the next rebuild retries.", folder);
        }
    }

    /// <summary>An open generation: its writer and near-real-time searchers, counted while searches use it.</summary>
    internal sealed class Generation
    {
        private readonly CatalogueIndex _index;
        private int _users = 1;
        private volatile bool _retired;

        private Generation(CatalogueIndex index, string folder, string name, FSDirectory directory, IndexWriter writer, DateTime stamp)
        {
            _index = index;
            Folder = folder;
            Name = name;
            Directory = directory;
            Writer = writer;
            Searchers = new SearcherManager(writer, applyAllDeletes: true, searcherFactory: null);
            PointerStamp = stamp;
        }

        public string Folder { get; }
        public string Name { get; }
        public FSDirectory Directory { get; }
        public IndexWriter Writer { get; }
        public SearcherManager Searchers { get; }
        public DateTime PointerStamp { get; set; }

        public static Generation Open(string folder, string name, DateTime stamp, CatalogueIndex index)
        {
            var directory = FSDirectory.Open(folder);
            return new Generation(index, folder, name, directory, index.NewWriter(directory, OpenMode.CREATE_OR_APPEND), stamp);
        }

        /// <summary>
        /// Stops serving: the generation closes when its last search ends, and its folder goes with it, since whoever
        /// switches away from a generation removes it.
        /// </summary>
        public void Retire()
        {
            _retired = true;
            Release();
        }

        public bool TryRetain()
        {
            for (var users = Volatile.Read(ref _users); users > 0; users = Volatile.Read(ref _users))
            {
                if (Interlocked.CompareExchange(ref _users, users + 1, users) == users) return true;
            }
            return false;
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _users) > 0) return;
            Searchers.Dispose();
            Writer.Dispose();
            Directory.Dispose();
            if (_retired) _index.TryDelete(Folder);
        }
    }

    /// <summary>A searcher of a generation, kept open until disposed.</summary>
    internal sealed class SearcherLease : IDisposable
    {
        private readonly Generation _generation;

        public SearcherLease(Generation generation)
        {
            _generation = generation;
            Searcher = generation.Searchers.Acquire();
        }

        public IndexSearcher Searcher { get; }

        public void Dispose()
        {
            _generation.Searchers.Release(Searcher);
            _generation.Release();
        }
    }
}
