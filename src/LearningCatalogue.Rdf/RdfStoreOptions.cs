namespace LearningCatalogue.Rdf;

/// <summary>
/// Where the RDF store is and how to sign in (section <c>Catalogue:Rdf</c>). The defaults are the endpoints of the
/// managed local Virtuoso (<see cref="VirtuosoOptions"/>); another SPARQL 1.1 store needs only other values here.
/// </summary>
public sealed class RdfStoreOptions
{
    public const string SectionName = "Catalogue:Rdf";

    /// <summary>The SPARQL 1.1 query endpoint (read-only; no credentials needed on Virtuoso).</summary>
    public Uri QueryEndpoint { get; set; } = new("http://127.0.0.1:8891/sparql");

    /// <summary>The SPARQL 1.1 update endpoint (Virtuoso: <c>/sparql-auth</c>, digest authentication).</summary>
    public Uri UpdateEndpoint { get; set; } = new("http://127.0.0.1:8891/sparql-auth");

    /// <summary>The Graph Store HTTP Protocol endpoint, addressed with <c>?graph=</c> (Virtuoso: <c>/sparql-graph-crud-auth</c>).</summary>
    public Uri GraphStoreEndpoint { get; set; } = new("http://127.0.0.1:8891/sparql-graph-crud-auth");

    /// <summary>The user for updates and the Graph Store Protocol; offered by HTTP digest or basic authentication, whichever the store asks for.</summary>
    public string? Username { get; set; } = "dba";

    public string? Password { get; set; } = "dba";

    /// <summary>
    /// The prefix of the project's named graphs. A reserved <c>.example</c> host (RFC 2606) so that no one mistakes
    /// the graph names for dereferenceable resources; http because the SPARQL helpers accept http(s) IRIs only.
    /// </summary>
    public string GraphBaseIri { get; set; } = "http://learning-catalogue.example/graph/";

    /// <summary>How long one request may take; loads of tens of thousands of triples take seconds, so this is generous.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The IRI of the project's named graph <paramref name="name"/> (for example <c>esco</c>).</summary>
    public string GraphIri(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var iri = GraphBaseIri + name;
        Sparql.Iri(iri);
        return iri;
    }

    /// <summary>The endpoints of a Virtuoso serving HTTP at <paramref name="httpBase"/> (for example <c>http://127.0.0.1:8891/</c>).</summary>
    public static RdfStoreOptions ForVirtuoso(Uri httpBase, string username, string password) => new()
    {
        QueryEndpoint = new Uri(httpBase, "sparql"),
        UpdateEndpoint = new Uri(httpBase, "sparql-auth"),
        GraphStoreEndpoint = new Uri(httpBase, "sparql-graph-crud-auth"),
        Username = username,
        Password = password,
    };
}
