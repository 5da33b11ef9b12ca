using System.Diagnostics;
using LearningCatalogue.Rdf;

namespace LearningCatalogue.Skills.Esco;

/// <summary>How far an import is. <see cref="Stage"/> is "reading", "loading", "verifying", "switching" or "cleaning".</summary>
public sealed record EscoImportProgress(string Stage, long TriplesLoaded, long TriplesTotal);

/// <summary>What an import loaded.</summary>
public sealed record EscoImportResult(
    string GraphIri,
    string? PreviousGraphIri,
    long Triples,
    int Skills,
    int Groups,
    IReadOnlyList<string> Languages,
    TimeSpan Duration)
{
    /// <summary>False when the previous graph could not be dropped after the switch (it is then unread, and may be dropped by hand).</summary>
    public bool PreviousGraphDropped { get; init; } = true;
}

/// <summary>
/// Loads an ESCO CSV package into the RDF store. The classification is written to a new named graph, checked, and
/// only then made current by switching the pointer of <see cref="EscoGraph"/>; the previous graph is dropped after.
/// Whatever fails before the switch drops the new graph and leaves the previous classification current and whole.
/// </summary>
public sealed class EscoImporter(ISparqlStore store, TimeProvider? clock = null)
{
    /// <summary>
    /// Statements per Graph Store request: large enough that the load is a few dozen requests, small enough that a
    /// request stays a few megabytes.
    /// </summary>
    public int ChunkSize { get; init; } = 25_000;

    public async Task<EscoImportResult> ImportAsync(string folder, IProgress<EscoImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        progress?.Report(new EscoImportProgress("reading", 0, 0));
        // Read and map everything before touching the store: a malformed package then fails without a graph to undo.
        var package = EscoCsvPackage.Read(folder);
        var statements = EscoRdfMapping.ToTriples(package).Distinct().ToList();
        cancellationToken.ThrowIfCancellationRequested();

        var previous = await EscoGraph.CurrentAsync(store, cancellationToken).ConfigureAwait(false);
        var graph = EscoGraph.NewGraphIri(store, clock);
        var switchSent = false;
        try
        {
            long loaded = 0;
            var body = new NTriplesBuilder(ChunkSize * 160);
            foreach (var chunk in statements.Chunk(Math.Max(1, ChunkSize)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                body.Clear();
                foreach (var statement in chunk)
                {
                    statement.AddTo(body);
                }
                await store.AddToGraphAsync(graph, body.ToString(), cancellationToken).ConfigureAwait(false);
                loaded += chunk.Length;
                progress?.Report(new EscoImportProgress("loading", loaded, statements.Count));
            }

            // A store that accepted a request but kept less (a size limit, a parser that skipped a line) must not
            // become current: count what it holds.
            progress?.Report(new EscoImportProgress("verifying", loaded, statements.Count));
            var stored = await CountTriplesAsync(graph, cancellationToken).ConfigureAwait(false);
            if (stored != statements.Count)
            {
                throw new InvalidOperationException($"The store holds {stored} statements in {graph} after {statements.Count} were sent.");
            }

            progress?.Report(new EscoImportProgress("switching", loaded, statements.Count));
            switchSent = true;
            await store.UpdateAsync(EscoGraph.SwitchUpdate(store, graph), cancellationToken).ConfigureAwait(false);
            // A store may accept an update it did not apply as meant: check before dropping anything.
            var current = await EscoGraph.CurrentAsync(store, CancellationToken.None).ConfigureAwait(false);
            if (current != graph)
            {
                throw new InvalidOperationException($"The switch to {graph} did not take: the current ESCO graph is {current ?? "none"}.");
            }
        }
        catch
        {
            // Not cancellable: the new graph must go even when the import was cancelled. A failure here is secondary
            // to the one being rethrown; the graph is then an orphan that no pointer names, invisible to readers.
            try
            {
                // Once the switch was sent, the new graph may be the current one (a lost response): drop it only when
                // the pointer is known to name another graph, never the graph readers use.
                if (!switchSent || await EscoGraph.CurrentAsync(store, CancellationToken.None).ConfigureAwait(false) != graph)
                {
                    await store.DropGraphAsync(graph, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception)
            {
                // Deliberately swallowed: see above.
            }
            throw;
        }

        var previousDropped = true;
        if (previous is not null && previous != graph)
        {
            progress?.Report(new EscoImportProgress("cleaning", statements.Count, statements.Count));
            try
            {
                await store.DropGraphAsync(previous, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The switch is done and the import succeeded: an old graph left behind is unread, not a wrong
                // classification, so it is reported rather than thrown.
                previousDropped = false;
            }
        }

        return new EscoImportResult(graph, previous, statements.Count, package.SkillCount, package.GroupCount, package.Languages, watch.Elapsed)
        {
            PreviousGraphDropped = previousDropped,
        };
    }

    private async Task<long> CountTriplesAsync(string graph, CancellationToken cancellationToken)
    {
        var result = await store.QueryAsync(
            $"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {Sparql.Iri(graph)} {{ ?s ?p ?o }} }}", cancellationToken).ConfigureAwait(false);
        return result.Rows.Count == 1 && result.Rows[0].TryGetValue("n", out var n) ? long.Parse(n.Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
