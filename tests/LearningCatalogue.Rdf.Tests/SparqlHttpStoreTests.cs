using System.Net;
using System.Text;

namespace LearningCatalogue.Rdf.Tests;

[Collection(VirtuosoCollection.Name)]
public sealed class SparqlHttpStoreTests(VirtuosoFixture fixture)
{
    private const string Label = "http://www.w3.org/2000/01/rdf-schema#label";
    private const string Type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    private ISparqlStore Store => fixture.Store;

    [Fact]
    public async Task An_update_is_read_back_by_a_query_with_every_kind_of_term()
    {
        var graph = fixture.NewGraphIri();
        // INSERT … WHERE {} rather than INSERT DATA: Virtuoso refuses blank nodes in INSERT DATA.
        await Store.UpdateAsync($$"""
            INSERT { GRAPH {{Sparql.Iri(graph)}} {
              <http://example.org/s> {{Sparql.Iri(Label)}} {{Sparql.Literal("Café au lait", "fr")}} ;
                                     <http://example.org/count> {{Sparql.Integer(42)}} ;
                                     <http://example.org/when> {{Sparql.TypedLiteral("2024-05-01", "http://www.w3.org/2001/XMLSchema#date")}} ;
                                     <http://example.org/link> <http://example.org/o> ;
                                     <http://example.org/node> [ <http://example.org/p> "x" ] .
            } } WHERE {}
            """);

        var result = await Store.QueryAsync($$"""
            SELECT ?label ?count ?when ?link ?node ?missing WHERE { GRAPH {{Sparql.Iri(graph)}} {
              <http://example.org/s> {{Sparql.Iri(Label)}} ?label ; <http://example.org/count> ?count ;
                <http://example.org/when> ?when ; <http://example.org/link> ?link ; <http://example.org/node> ?node .
              OPTIONAL { <http://example.org/s> <http://example.org/none> ?missing }
            } }
            """);

        Assert.Equal(["label", "count", "when", "link", "node", "missing"], result.Variables);
        var row = Assert.Single(result.Rows);
        Assert.Equal(new RdfTerm(RdfTermKind.Literal, "Café au lait", "fr"), row["label"]);
        Assert.Equal(new RdfTerm(RdfTermKind.Literal, "42", null, "http://www.w3.org/2001/XMLSchema#integer"), row["count"]);
        Assert.Equal(new RdfTerm(RdfTermKind.Literal, "2024-05-01", null, "http://www.w3.org/2001/XMLSchema#date"), row["when"]);
        Assert.Equal(new RdfTerm(RdfTermKind.Iri, "http://example.org/o"), row["link"]);
        Assert.Equal(RdfTermKind.BlankNode, row["node"].Kind);
        Assert.False(row.ContainsKey("missing"));
        Assert.Null(result.Boolean);
    }

    [Fact]
    public async Task Ask_answers_true_and_false()
    {
        var graph = fixture.NewGraphIri();
        await Store.UpdateAsync($"INSERT DATA {{ GRAPH {Sparql.Iri(graph)} {{ <http://example.org/a> <http://example.org/b> <http://example.org/c> }} }}");

        Assert.True((await Store.QueryAsync($"ASK {{ GRAPH {Sparql.Iri(graph)} {{ <http://example.org/a> ?p ?o }} }}")).Boolean);
        Assert.False((await Store.QueryAsync($"ASK {{ GRAPH {Sparql.Iri(graph)} {{ <http://example.org/z> ?p ?o }} }}")).Boolean);
    }

    [Fact]
    public async Task Graph_store_post_adds_n_triples_and_delete_removes_the_graph()
    {
        var graph = fixture.NewGraphIri();
        var triples = new NTriplesBuilder()
            .AddIri("http://example.org/skill/1", Type, "http://www.w3.org/2004/02/skos/core#Concept")
            .AddLiteral("http://example.org/skill/1", Label, "Ñandú \"quoted\" back\\slash\nnew line\ttab — 技能 😀", "es")
            .AddTypedLiteral("http://example.org/skill/1", "http://example.org/weight", "0.5", "http://www.w3.org/2001/XMLSchema#decimal");

        await Store.AddToGraphAsync(graph, triples.ToString());
        var labels = await Store.QueryAsync($"SELECT ?label WHERE {{ GRAPH {Sparql.Iri(graph)} {{ <http://example.org/skill/1> {Sparql.Iri(Label)} ?label }} }}");
        Assert.Equal(new RdfTerm(RdfTermKind.Literal, "Ñandú \"quoted\" back\\slash\nnew line\ttab — 技能 😀", "es"), Assert.Single(labels.Rows)["label"]);
        Assert.Equal(3, await CountAsync(graph));

        await Store.DropGraphAsync(graph);
        Assert.Equal(0, await CountAsync(graph));
    }

    [Fact]
    public async Task Dropping_a_graph_that_does_not_exist_is_not_an_error()
    {
        await Store.DropGraphAsync(fixture.NewGraphIri("never-created"));
    }

    [Fact]
    public async Task A_load_in_chunks_of_tens_of_thousands_of_triples_arrives_whole()
    {
        const int chunk = 25_000;
        var graph = fixture.NewGraphIri("large");
        var builder = new NTriplesBuilder();
        for (var i = 0; i < 2 * chunk; i++)
        {
            builder.AddLiteral($"http://example.org/skill/{i}", Label, $"skill number {i} with a \"quoted\" word and an accent: é", "en");
            if (builder.Count == chunk)
            {
                await Store.AddToGraphAsync(graph, builder.ToString());
                builder.Clear();
            }
        }

        Assert.Equal(2 * chunk, await CountAsync(graph));
        var sample = await Store.QueryAsync($"SELECT ?label WHERE {{ GRAPH {Sparql.Iri(graph)} {{ <http://example.org/skill/31415> {Sparql.Iri(Label)} ?label }} }}");
        Assert.Equal("skill number 31415 with a \"quoted\" word and an accent: é", Assert.Single(sample.Rows)["label"].Value);
        await Store.DropGraphAsync(graph);
    }

    [Fact]
    public async Task Only_the_standard_protocol_request_forms_reach_the_store()
    {
        var recorder = new RecordingHandler();
        var store = fixture.CreateStore(recorder);
        var graph = fixture.NewGraphIri();

        await store.UpdateAsync($"INSERT DATA {{ GRAPH {Sparql.Iri(graph)} {{ <http://example.org/a> <http://example.org/b> \"c\" }} }}");
        await store.AddToGraphAsync(graph, new NTriplesBuilder().AddIri("http://example.org/a", Type, "http://example.org/T").ToString());
        var result = await store.QueryAsync($"SELECT ?p WHERE {{ GRAPH {Sparql.Iri(graph)} {{ <http://example.org/a> ?p ?o }} }}");
        await store.DropGraphAsync(graph);

        Assert.Equal(2, result.Rows.Count);
        Assert.Equal(4, recorder.Requests.Count);
        var graphQuery = "?graph=" + Uri.EscapeDataString(graph);
        Assert.All(recorder.Requests, request => Assert.True(request.IsStandardFor(fixture.StoreOptions), $"Not a standard request form: {request}"));
        Assert.All(recorder.Requests.Where(r => r.Path == fixture.StoreOptions.GraphStoreEndpoint.AbsoluteUri), r => Assert.Equal(graphQuery, r.Query));
        Assert.Equal(["application/sparql-update", "application/n-triples", "application/x-www-form-urlencoded", null], recorder.Requests.Select(r => r.ContentType));
    }

    [Fact]
    public async Task A_query_the_store_refuses_throws_with_the_status_and_the_stores_message()
    {
        var exception = await Assert.ThrowsAsync<SparqlException>(() => Store.QueryAsync("SELECT ?x WHERE { ?x"));

        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Contains("syntax error", exception.StoreMessage);
        Assert.Contains("400", exception.Message);
        Assert.Equal(fixture.StoreOptions.QueryEndpoint, exception.Endpoint);
    }

    [Fact]
    public async Task An_update_the_store_refuses_throws_with_the_stores_message()
    {
        var exception = await Assert.ThrowsAsync<SparqlException>(() => Store.UpdateAsync("INSERT DATA { <http://example.org/a> <http://example.org/b> \"unterminated }"));

        Assert.NotNull(exception.StatusCode);
        Assert.Contains("SPARQL update", exception.Message);
        Assert.False(string.IsNullOrEmpty(exception.StoreMessage));
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_with_401()
    {
        var options = fixture.VirtuosoOptions.ToStoreOptions();
        options.Password = "wrong";
        var store = fixture.CreateStore(new RecordingHandler(), options);

        var update = await Assert.ThrowsAsync<SparqlException>(() => store.UpdateAsync("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"));
        var post = await Assert.ThrowsAsync<SparqlException>(() => store.AddToGraphAsync(fixture.NewGraphIri(), "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n"));

        Assert.Equal(HttpStatusCode.Unauthorized, update.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    [Fact]
    public async Task A_store_that_does_not_answer_throws_a_SparqlException_naming_the_endpoint()
    {
        var options = RdfStoreOptions.ForVirtuoso(new Uri("http://127.0.0.1:9/"), "dba", "dba");
        var store = fixture.CreateStore(new RecordingHandler(), options);

        var exception = await Assert.ThrowsAsync<SparqlException>(() => store.QueryAsync("ASK {}"));

        Assert.Null(exception.StatusCode);
        Assert.Contains("http://127.0.0.1:9/sparql", exception.Message);
    }

    [Fact]
    public async Task An_answer_that_is_not_a_sparql_json_result_throws_clearly()
    {
        var store = fixture.CreateStore(new HtmlAnsweringHandler());

        var exception = await Assert.ThrowsAsync<SparqlException>(() => store.QueryAsync("ASK {}"));

        Assert.Contains("not a SPARQL JSON result", exception.Message);
        Assert.Equal("<html>maintenance</html>", exception.StoreMessage);
    }

    private sealed class HtmlAnsweringHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>maintenance</html>", Encoding.UTF8, "text/html") });
    }

    private async Task<int> CountAsync(string graph)
    {
        var result = await Store.QueryAsync($"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {Sparql.Iri(graph)} {{ ?s ?p ?o }} }}");
        return int.Parse(Assert.Single(result.Rows)["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Records every request the store sends, as it leaves the client.</summary>
public sealed class RecordingHandler : DelegatingHandler
{
    public List<RecordedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(
            request.Method.Method,
            uri.GetLeftPart(UriPartial.Path),
            uri.Query,
            request.Content?.Headers.ContentType?.MediaType,
            string.Join(",", request.Headers.Accept),
            body));
        return await base.SendAsync(request, cancellationToken);
    }
}

public sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType, string Accept, string Body)
{
    /// <summary>
    /// Whether this is one of the request forms of the SPARQL 1.1 Protocol or the Graph Store HTTP Protocol, sent to
    /// the endpoint <paramref name="options"/> name for it: what any SPARQL 1.1 store answers.
    /// </summary>
    public bool IsStandardFor(RdfStoreOptions options) => (Method, Path, ContentType) switch
    {
        // SPARQL 1.1 Protocol 2.1.2 / 2.1.3: query via URL-encoded POST or via POST directly.
        ("POST", var path, "application/x-www-form-urlencoded") when path == options.QueryEndpoint.AbsoluteUri
            => Body.StartsWith("query=", StringComparison.Ordinal) && Accept == "application/sparql-results+json",
        ("POST", var path, "application/sparql-query") when path == options.QueryEndpoint.AbsoluteUri => true,
        // 2.2.2: update via POST directly.
        ("POST", var path, "application/sparql-update") when path == options.UpdateEndpoint.AbsoluteUri => true,
        // Graph Store HTTP Protocol, indirect graph identification.
        ("POST", var path, "application/n-triples") when path == options.GraphStoreEndpoint.AbsoluteUri => Query.StartsWith("?graph=", StringComparison.Ordinal),
        ("DELETE", var path, null) when path == options.GraphStoreEndpoint.AbsoluteUri => Query.StartsWith("?graph=", StringComparison.Ordinal),
        _ => false,
    };

    public override string ToString() => $"{Method} {Path}{Query} [{ContentType}] {Body[..Math.Min(Body.Length, 200)]}";
}
