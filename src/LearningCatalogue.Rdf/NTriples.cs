using System.Text;

namespace LearningCatalogue.Rdf;

/// <summary>
/// Builds an N-Triples document for the Graph Store Protocol, one triple a line. Meant for large loads: add triples
/// until <see cref="Count"/> reaches a chunk size, send <see cref="ToString"/>, then <see cref="Clear"/> and go on.
/// IRIs must be absolute and free of the characters N-Triples forbids (they throw <see cref="ArgumentException"/>,
/// since no escape makes such an IRI valid); literals are escaped.
/// </summary>
public sealed class NTriplesBuilder
{
    public const string MediaType = "application/n-triples";

    private readonly StringBuilder _builder;

    public NTriplesBuilder(int capacity = 1 << 16) => _builder = new StringBuilder(capacity);

    /// <summary>The number of triples added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a triple whose object is an IRI.</summary>
    public NTriplesBuilder AddIri(string subject, string predicate, string objectIri)
    {
        ValidateIri(subject, nameof(subject));
        ValidateIri(predicate, nameof(predicate));
        ValidateIri(objectIri, nameof(objectIri));
        AppendSubjectAndPredicate(subject, predicate);
        _builder.Append('<').Append(objectIri).Append('>');
        return EndTriple();
    }

    /// <summary>Adds a triple whose object is a string literal, with a language tag when <paramref name="language"/> is given.</summary>
    public NTriplesBuilder AddLiteral(string subject, string predicate, string value, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ValidateIri(subject, nameof(subject));
        ValidateIri(predicate, nameof(predicate));
        if (language is not null)
        {
            RdfSyntax.ValidateLanguage(language, nameof(language));
        }
        AppendSubjectAndPredicate(subject, predicate);
        RdfSyntax.AppendQuoted(_builder, value);
        if (language is not null)
        {
            _builder.Append('@').Append(language);
        }
        return EndTriple();
    }

    /// <summary>Adds a triple whose object is a literal of the datatype <paramref name="datatypeIri"/>.</summary>
    public NTriplesBuilder AddTypedLiteral(string subject, string predicate, string value, string datatypeIri)
    {
        ArgumentNullException.ThrowIfNull(value);
        ValidateIri(subject, nameof(subject));
        ValidateIri(predicate, nameof(predicate));
        ValidateIri(datatypeIri, nameof(datatypeIri));
        AppendSubjectAndPredicate(subject, predicate);
        RdfSyntax.AppendQuoted(_builder, value);
        _builder.Append("^^<").Append(datatypeIri).Append('>');
        return EndTriple();
    }

    public void Clear()
    {
        _builder.Clear();
        Count = 0;
    }

    /// <summary>The N-Triples document (to be sent as UTF-8).</summary>
    public override string ToString() => _builder.ToString();

    // Every term is validated before anything is appended, so a refused triple leaves the document whole.
    private static void ValidateIri(string iri, string parameterName) => RdfSyntax.ValidateIri(iri, parameterName, httpOnly: false);

    private void AppendSubjectAndPredicate(string subject, string predicate) =>
        _builder.Append('<').Append(subject).Append("> <").Append(predicate).Append("> ");

    private NTriplesBuilder EndTriple()
    {
        _builder.Append(" .\n");
        Count++;
        return this;
    }
}
