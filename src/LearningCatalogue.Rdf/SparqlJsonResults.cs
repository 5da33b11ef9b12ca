using System.Text.Json;

namespace LearningCatalogue.Rdf;

/// <summary>Reads the SPARQL 1.1 Query Results JSON Format, including Virtuoso's SPARQL 1.0-era "typed-literal".</summary>
internal static class SparqlJsonResults
{
    public static SparqlResultSet Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Read(ref reader);
        Expect(ref reader, JsonTokenType.StartObject);
        var variables = new List<string>();
        var rows = new List<IReadOnlyDictionary<string, RdfTerm>>();
        bool? boolean = null;
        var sawResults = false;
        while (Read(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            Read(ref reader);
            switch (name)
            {
                case "head":
                    ReadHead(ref reader, variables);
                    break;
                case "results":
                    ReadResults(ref reader, rows);
                    sawResults = true;
                    break;
                case "boolean":
                    boolean = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => throw new FormatException("\"boolean\" is not true or false."),
                    };
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (!sawResults && boolean is null)
        {
            throw new FormatException("neither \"results\" nor \"boolean\" is present");
        }
        return new SparqlResultSet(variables, rows, boolean);
    }

    private static void ReadHead(ref Utf8JsonReader reader, List<string> variables)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        while (Read(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            Read(ref reader);
            if (name == "vars")
            {
                Expect(ref reader, JsonTokenType.StartArray);
                while (Read(ref reader) == JsonTokenType.String)
                {
                    variables.Add(reader.GetString()!);
                }
                Expect(ref reader, JsonTokenType.EndArray);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadResults(ref Utf8JsonReader reader, List<IReadOnlyDictionary<string, RdfTerm>> rows)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        while (Read(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            Read(ref reader);
            if (name != "bindings")
            {
                reader.Skip();
                continue;
            }
            Expect(ref reader, JsonTokenType.StartArray);
            while (Read(ref reader) == JsonTokenType.StartObject)
            {
                var row = new Dictionary<string, RdfTerm>(StringComparer.Ordinal);
                while (Read(ref reader) == JsonTokenType.PropertyName)
                {
                    var variable = reader.GetString()!;
                    Read(ref reader);
                    row[variable] = ReadTerm(ref reader);
                }
                rows.Add(row);
            }
            Expect(ref reader, JsonTokenType.EndArray);
        }
    }

    private static RdfTerm ReadTerm(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string? type = null, value = null, language = null, datatype = null;
        while (Read(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            Read(ref reader);
            switch (name)
            {
                case "type": type = reader.GetString(); break;
                case "value": value = reader.GetString(); break;
                case "xml:lang": language = reader.GetString(); break;
                case "datatype": datatype = reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }
        if (value is null)
        {
            throw new FormatException("a binding has no \"value\"");
        }
        return type switch
        {
            "uri" => new RdfTerm(RdfTermKind.Iri, value),
            "literal" or "typed-literal" => new RdfTerm(RdfTermKind.Literal, value, language, datatype),
            "bnode" => new RdfTerm(RdfTermKind.BlankNode, value),
            _ => throw new FormatException($"a binding has the unknown type \"{type}\""),
        };
    }

    private static JsonTokenType Read(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new FormatException("the JSON ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (reader.TokenType != expected)
        {
            throw new FormatException($"expected {expected}, found {reader.TokenType}");
        }
    }
}
