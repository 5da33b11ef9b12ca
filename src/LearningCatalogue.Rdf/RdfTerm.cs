namespace LearningCatalogue.Rdf;

public enum RdfTermKind { Iri, Literal, BlankNode }

/// <summary>An RDF term as a SPARQL result binding carries it.</summary>
public sealed record RdfTerm(RdfTermKind Kind, string Value, string? Language = null, string? Datatype = null);

/// <summary>The results of a SPARQL SELECT (rows of bindings) or ASK (a boolean) query.</summary>
public sealed record SparqlResultSet(IReadOnlyList<string> Variables, IReadOnlyList<IReadOnlyDictionary<string, RdfTerm>> Rows, bool? Boolean = null);
