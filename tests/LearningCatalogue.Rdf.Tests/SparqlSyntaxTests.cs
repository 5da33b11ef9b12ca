using System.Text;

namespace LearningCatalogue.Rdf.Tests;

public sealed class SparqlSyntaxTests
{
    [Theory]
    [InlineData("http://data.europa.eu/esco/skill/abc")]
    [InlineData("https://example.org/path?query=1#fragment")]
    [InlineData("http://example.org/caf%C3%A9")]
    [InlineData("http://example.org/café")]
    public void Iri_accepts_absolute_http_iris(string iri) => Assert.Equal($"<{iri}>", Sparql.Iri(iri));

    [Theory]
    [InlineData("")]
    [InlineData("skill/abc")]
    [InlineData("/esco/skill/abc")]
    [InlineData("#fragment")]
    [InlineData("urn:isbn:0451450523")]
    [InlineData("mailto:someone@example.org")]
    [InlineData("ftp://example.org/file")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http:relative")]
    [InlineData("http://example.org/a b")]
    [InlineData("http://example.org/a<b")]
    [InlineData("http://example.org/a>b")]
    [InlineData("http://example.org/a\"b")]
    [InlineData("http://example.org/a{b")]
    [InlineData("http://example.org/a}b")]
    [InlineData("http://example.org/a|b")]
    [InlineData("http://example.org/a^b")]
    [InlineData("http://example.org/a`b")]
    [InlineData("http://example.org/a\\b")]
    [InlineData("http://example.org/a\tb")]
    [InlineData("http://example.org/a\u0085b")]
    [InlineData("http://example.org/a> } DROP ALL {")]
    public void Iri_refuses_anything_but_a_clean_absolute_http_iri(string iri) => Assert.Throws<ArgumentException>(() => Sparql.Iri(iri));

    [Theory]
    [InlineData("plain", null, "\"plain\"")]
    [InlineData("plain", "en", "\"plain\"@en")]
    [InlineData("x", "pt-BR", "\"x\"@pt-BR")]
    [InlineData("x", "sr-Latn-RS", "\"x\"@sr-Latn-RS")]
    [InlineData("say \"hi\"", null, "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", null, "\"back\\\\slash\"")]
    [InlineData("a\nb\rc\td\be\ff", null, "\"a\\nb\\rc\\td\\be\\ff\"")]
    [InlineData("bell\u0007 nul\u0000 del\u007F", null, "\"bell\\u0007 nul\\u0000 del\\u007F\"")]
    [InlineData("it's 'single'", null, "\"it's 'single'\"")]
    [InlineData("技能 😀", null, "\"技能 😀\"")]
    [InlineData("", null, "\"\"")]
    public void Literal_escapes_per_the_sparql_string_rules(string value, string? language, string expected) =>
        Assert.Equal(expected, Sparql.Literal(value, language));

    [Theory]
    [InlineData("")]
    [InlineData("en ")]
    [InlineData("en-")]
    [InlineData("-en")]
    [InlineData("en--GB")]
    [InlineData("e1")]
    [InlineData("en_GB")]
    [InlineData("en\" . DROP")]
    public void Literal_refuses_a_malformed_language_tag(string language) => Assert.Throws<ArgumentException>(() => Sparql.Literal("x", language));

    [Fact]
    public void Typed_literals_and_integers_are_written_in_sparql_syntax()
    {
        Assert.Equal("\"2024-05-01\"^^<http://www.w3.org/2001/XMLSchema#date>", Sparql.TypedLiteral("2024-05-01", "http://www.w3.org/2001/XMLSchema#date"));
        Assert.Equal("-42", Sparql.Integer(-42));
        Assert.Throws<ArgumentException>(() => Sparql.TypedLiteral("x", "xsd:date"));
    }

    [Fact]
    public void NTriplesBuilder_writes_one_escaped_triple_a_line()
    {
        var builder = new NTriplesBuilder()
            .AddIri("http://example.org/s", "http://example.org/p", "urn:example:o")
            .AddLiteral("http://example.org/s", "http://example.org/label", "a \"b\"\n\\c", "en-GB")
            .AddLiteral("http://example.org/s", "http://example.org/note", "plain")
            .AddTypedLiteral("http://example.org/s", "http://example.org/n", "5", "http://www.w3.org/2001/XMLSchema#integer");

        Assert.Equal(4, builder.Count);
        Assert.Equal(
            "<http://example.org/s> <http://example.org/p> <urn:example:o> .\n" +
            "<http://example.org/s> <http://example.org/label> \"a \\\"b\\\"\\n\\\\c\"@en-GB .\n" +
            "<http://example.org/s> <http://example.org/note> \"plain\" .\n" +
            "<http://example.org/s> <http://example.org/n> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n",
            builder.ToString());

        builder.Clear();
        Assert.Equal(0, builder.Count);
        Assert.Equal("", builder.ToString());
    }

    [Fact]
    public void NTriplesBuilder_refuses_a_bad_term_without_leaving_half_a_triple()
    {
        var builder = new NTriplesBuilder().AddIri("http://example.org/s", "http://example.org/p", "http://example.org/o");
        var before = builder.ToString();

        Assert.Throws<ArgumentException>(() => builder.AddIri("http://example.org/s", "http://example.org/p", "relative/o"));
        Assert.Throws<ArgumentException>(() => builder.AddLiteral("http://example.org/s", "http://example.org/p> <x", "v"));
        Assert.Throws<ArgumentException>(() => builder.AddLiteral("http://example.org/s", "http://example.org/p", "v", "not a tag"));
        Assert.Throws<ArgumentException>(() => builder.AddTypedLiteral("http://example.org/s", "http://example.org/p", "v", "integer"));

        Assert.Equal(before, builder.ToString());
        Assert.Equal(1, builder.Count);
    }

    [Fact]
    public void The_json_results_of_select_and_ask_are_read_including_virtuosos_typed_literal()
    {
        var select = SparqlJsonResults.Parse(Encoding.UTF8.GetBytes("""
            { "head": { "link": [], "vars": ["s", "label", "n", "b"] },
              "results": { "distinct": false, "ordered": true, "bindings": [
                { "s": { "type": "uri", "value": "http://example.org/s" },
                  "label": { "type": "literal", "xml:lang": "fr", "value": "caf\u00E9" },
                  "n": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "1" },
                  "b": { "type": "bnode", "value": "b0" } },
                { "s": { "type": "uri", "value": "http://example.org/t" } } ] } }
            """));
        var ask = SparqlJsonResults.Parse(Encoding.UTF8.GetBytes("""{ "head": {}, "boolean": false }"""));

        Assert.Equal(["s", "label", "n", "b"], select.Variables);
        Assert.Equal(2, select.Rows.Count);
        Assert.Equal(new RdfTerm(RdfTermKind.Literal, "café", "fr"), select.Rows[0]["label"]);
        Assert.Equal(new RdfTerm(RdfTermKind.Literal, "1", null, "http://www.w3.org/2001/XMLSchema#integer"), select.Rows[0]["n"]);
        Assert.Equal(new RdfTerm(RdfTermKind.BlankNode, "b0"), select.Rows[0]["b"]);
        Assert.Single(select.Rows[1]);
        Assert.False(ask.Boolean);
        Assert.Empty(ask.Rows);
    }

    [Theory]
    [InlineData("<html>error</html>")]
    [InlineData("{ \"head\": {} }")]
    [InlineData("{ \"head\": {}, \"results\": { \"bindings\": [ { \"x\": { \"type\": \"uri\" } } ] } }")]
    [InlineData("{ \"head\": {}, \"results\": { \"bindings\": [ { \"x\": { \"type\": \"triple\", \"value\": \"v\" } } ] } }")]
    public void Anything_else_is_refused(string json) =>
        Assert.ThrowsAny<Exception>(() => SparqlJsonResults.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Graph_iris_are_made_from_the_configured_base()
    {
        Assert.Equal("http://learning-catalogue.example/graph/esco", new RdfStoreOptions().GraphIri("esco"));
        Assert.Throws<ArgumentException>(() => new RdfStoreOptions().GraphIri("a b"));
    }
}
