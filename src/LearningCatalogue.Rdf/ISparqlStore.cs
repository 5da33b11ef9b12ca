namespace LearningCatalogue.Rdf;

/// <summary>
/// An RDF store reached only through the standard protocols: the SPARQL 1.1 Protocol (query, update) and the
/// SPARQL 1.1 Graph Store HTTP Protocol (whole graphs). Any SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB) serves it.
/// </summary>
public interface ISparqlStore
{
    /// <summary>
    /// The IRI of the project's named graph <paramref name="name"/> in this store (<see cref="RdfStoreOptions.GraphBaseIri"/>
    /// followed by the name), so that the graphs the product writes are configuration, like the endpoints.
    /// </summary>
    string GraphIri(string name);

    /// <summary>Runs a SELECT or ASK query.</summary>
    Task<SparqlResultSet> QueryAsync(string query, CancellationToken cancellationToken = default);

    /// <summary>Runs a SPARQL Update request (authenticated).</summary>
    Task UpdateAsync(string update, CancellationToken cancellationToken = default);

    /// <summary>Adds N-Triples to a named graph (Graph Store Protocol POST; authenticated).</summary>
    Task AddToGraphAsync(string graphIri, string nTriples, CancellationToken cancellationToken = default);

    /// <summary>Removes a named graph (Graph Store Protocol DELETE; authenticated). No error when it does not exist.</summary>
    Task DropGraphAsync(string graphIri, CancellationToken cancellationToken = default);
}
