namespace LearningCatalogue.Rdf.Tests;

/// <summary>Hostile values go into queries and payloads only as data: they come back unchanged and change nothing else.</summary>
[Collection(VirtuosoCollection.Name)]
public sealed class InjectionTests(VirtuosoFixture fixture)
{
    private const string Label = "http://www.w3.org/2000/01/rdf-schema#label";

    public static TheoryData<string> HostileLabels => new()
    {
        "\" } ; DROP ALL ; #",
        "\"@en } } ; DROP ALL ; INSERT DATA { <http://example.org/x> <http://example.org/y> \"z",
        "' } ; DROP ALL ; #",
        "''' } ; DROP ALL ; #",
        "\"\"\" } ; DROP ALL ; #",
        "\\\" } ; DROP ALL ; #",
        "\\u0022 } ; DROP ALL ; #",
        "\\\\u0022 } ; DROP ALL ; #",
        "line\n} ; DROP ALL ; #\r\n",
        "> } DROP ALL {",
        "tab\there \u0001 bell \u0007 del \u007F",
    };

    [Theory]
    [MemberData(nameof(HostileLabels))]
    public async Task A_hostile_label_round_trips_through_update_and_query_and_leaves_the_store_untouched(string label)
    {
        var sentinel = await CreateSentinelAsync();
        var graph = fixture.NewGraphIri("hostile");

        await fixture.Store.UpdateAsync($"INSERT DATA {{ GRAPH {Sparql.Iri(graph)} {{ <http://example.org/s> {Sparql.Iri(Label)} {Sparql.Literal(label, "en")} }} }}");
        var byFilter = await fixture.Store.QueryAsync(
            $"SELECT ?s WHERE {{ GRAPH {Sparql.Iri(graph)} {{ ?s {Sparql.Iri(Label)} ?label FILTER (STR(?label) = {Sparql.Literal(label)}) }} }}");
        var back = await fixture.Store.QueryAsync($"SELECT ?label WHERE {{ GRAPH {Sparql.Iri(graph)} {{ <http://example.org/s> ?p ?label }} }}");

        Assert.Equal(new RdfTerm(RdfTermKind.Literal, label, "en"), Assert.Single(back.Rows)["label"]);
        Assert.Equal("http://example.org/s", Assert.Single(byFilter.Rows)["s"].Value);
        await AssertSentinelAsync(sentinel);
    }

    [Theory]
    [MemberData(nameof(HostileLabels))]
    public async Task A_hostile_label_round_trips_through_the_graph_store_protocol(string label)
    {
        var sentinel = await CreateSentinelAsync();
        var graph = fixture.NewGraphIri("hostile");

        await fixture.Store.AddToGraphAsync(graph, new NTriplesBuilder().AddLiteral("http://example.org/s", Label, label, "en").ToString());
        var back = await fixture.Store.QueryAsync($"SELECT ?label WHERE {{ GRAPH {Sparql.Iri(graph)} {{ <http://example.org/s> ?p ?label }} }}");

        Assert.Equal(new RdfTerm(RdfTermKind.Literal, label, "en"), Assert.Single(back.Rows)["label"]);
        await AssertSentinelAsync(sentinel);
    }

    [Theory]
    [InlineData("http://example.org/a> } DROP ALL {")]
    [InlineData("http://example.org/a>} ; DROP ALL ; #")]
    [InlineData("http://example.org/a\"")]
    [InlineData("http://example.org/a\n> } DROP ALL {")]
    public async Task A_hostile_iri_is_refused_before_anything_is_sent_and_its_percent_encoded_form_round_trips(string iri)
    {
        var sentinel = await CreateSentinelAsync();
        var graph = fixture.NewGraphIri("hostile");

        Assert.Throws<ArgumentException>(() => Sparql.Iri(iri));
        Assert.Throws<ArgumentException>(() => new NTriplesBuilder().AddIri(iri, Label, "http://example.org/o"));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.AddToGraphAsync(iri, ""));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.DropGraphAsync(iri));

        var encoded = new Uri(iri.Replace("\n", "", StringComparison.Ordinal)).AbsoluteUri;
        await fixture.Store.UpdateAsync($"INSERT DATA {{ GRAPH {Sparql.Iri(graph)} {{ {Sparql.Iri(encoded)} {Sparql.Iri(Label)} \"x\" }} }}");
        var back = await fixture.Store.QueryAsync($"SELECT ?s WHERE {{ GRAPH {Sparql.Iri(graph)} {{ ?s ?p ?o }} }}");
        Assert.Equal(new RdfTerm(RdfTermKind.Iri, encoded), Assert.Single(back.Rows)["s"]);
        await AssertSentinelAsync(sentinel);
    }

    private async Task<string> CreateSentinelAsync()
    {
        var sentinel = fixture.NewGraphIri("sentinel");
        await fixture.Store.AddToGraphAsync(sentinel, new NTriplesBuilder().AddLiteral("http://example.org/sentinel", Label, "still here").ToString());
        return sentinel;
    }

    private async Task AssertSentinelAsync(string sentinel)
    {
        var result = await fixture.Store.QueryAsync($"ASK {{ GRAPH {Sparql.Iri(sentinel)} {{ <http://example.org/sentinel> {Sparql.Iri(Label)} \"still here\" }} }}");
        Assert.True(result.Boolean, "The sentinel graph was changed.");
    }
}
