using LearningCatalogue.Rdf;

namespace LearningCatalogue.Skills.Esco;

/// <summary>
/// Where the classification the product reads lives. Each import loads a graph of its own; a single pointer triple in
/// the meta graph names the current one, so that switching classifications is one atomic SPARQL Update and readers
/// never see a half-loaded graph.
/// </summary>
public static class EscoGraph
{
    // The pointer's subject and predicate are the product's own vocabulary, not graph names: they stay the same
    // whatever graph base a store is configured with (a reserved .example host, RFC 2606).
    private const string Vocabulary = "http://learning-catalogue.example/";
    public const string PointerSubject = Vocabulary + "esco";
    public const string CurrentGraphPredicate = Vocabulary + "vocab#currentGraph";

    /// <summary>The small graph holding the pointer (and nothing a reader of ESCO needs otherwise).</summary>
    public static string MetaGraph(ISparqlStore store) => store.GraphIri("meta");

    /// <summary>Each load's graph: the store's graph base, <c>esco-</c> and a fresh identifier.</summary>
    public static string NewGraphIri(ISparqlStore store, TimeProvider? clock = null) =>
        store.GraphIri($"esco-{(clock ?? TimeProvider.System).GetUtcNow():yyyyMMddTHHmmssZ}-{Guid.NewGuid():N}");

    /// <summary>The IRI of the current ESCO graph, or null when no import has completed.</summary>
    public static async Task<string?> CurrentAsync(ISparqlStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var result = await store.QueryAsync(
            $"SELECT ?g WHERE {{ GRAPH {Sparql.Iri(MetaGraph(store))} {{ {Sparql.Iri(PointerSubject)} {Sparql.Iri(CurrentGraphPredicate)} ?g }} }}",
            cancellationToken).ConfigureAwait(false);
        var graphs = result.Rows.Select(r => r.TryGetValue("g", out var g) ? g : null).Where(g => g is { Kind: RdfTermKind.Iri }).ToList();
        // The switch deletes and inserts in one request, so two pointers mean someone edited the meta graph by hand:
        // refuse rather than read an arbitrary one.
        return graphs.Count switch
        {
            0 => null,
            1 => graphs[0]!.Value,
            _ => throw new InvalidOperationException($"The meta graph {MetaGraph(store)} names {graphs.Count} current ESCO graphs."),
        };
    }

    /// <summary>The current graph, or <see cref="EscoNotImportedException"/>.</summary>
    public static async Task<string> RequireCurrentAsync(ISparqlStore store, CancellationToken cancellationToken = default) =>
        await CurrentAsync(store, cancellationToken).ConfigureAwait(false) ?? throw new EscoNotImportedException();

    /// <summary>
    /// The SPARQL Update that makes <paramref name="newGraph"/> current: the delete of whatever pointer exists and the
    /// insert of the new one are one operation, so there is never zero or two pointers. The WHERE clause is a UNION
    /// with an always-true branch rather than the usual OPTIONAL: Virtuoso 7 finds no solution for an OPTIONAL alone
    /// over an empty graph, and the first import would then insert nothing.
    /// </summary>
    public static string SwitchUpdate(ISparqlStore store, string newGraph)
    {
        var meta = Sparql.Iri(MetaGraph(store));
        return $$"""
            DELETE { GRAPH {{meta}} { {{Sparql.Iri(PointerSubject)}} {{Sparql.Iri(CurrentGraphPredicate)}} ?old } }
            INSERT { GRAPH {{meta}} { {{Sparql.Iri(PointerSubject)}} {{Sparql.Iri(CurrentGraphPredicate)}} {{Sparql.Iri(newGraph)}} } }
            WHERE { { GRAPH {{meta}} { {{Sparql.Iri(PointerSubject)}} {{Sparql.Iri(CurrentGraphPredicate)}} ?old } } UNION { BIND(1 AS ?always) } }
            """;
    }
}

/// <summary>No ESCO import has completed in the store: nothing can be looked up yet.</summary>
public sealed class EscoNotImportedException()
    : InvalidOperationException("ESCO has not been imported into the RDF store: run the ESCO import first.");
