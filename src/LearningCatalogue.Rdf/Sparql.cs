using System.Globalization;
using System.Text;

namespace LearningCatalogue.Rdf;

/// <summary>
/// Builds the terms of a SPARQL query from untrusted values. SPARQL has no query parameters, so every value that
/// enters a query goes through one of these: an IRI is validated (it cannot be escaped), a literal is escaped.
/// </summary>
public static class Sparql
{
    /// <summary>
    /// <c>&lt;iri&gt;</c> for an absolute http or https IRI. Throws <see cref="ArgumentException"/> for anything else,
    /// including the characters SPARQL's IRIREF forbids (space, control characters and <c>&lt;&gt;"{}|^`\</c>).
    /// </summary>
    public static string Iri(string iri)
    {
        RdfSyntax.ValidateIri(iri, nameof(iri), httpOnly: true);
        return string.Concat("<", iri, ">");
    }

    /// <summary>
    /// A quoted string literal, with a language tag when <paramref name="language"/> is given (BCP 47 shape:
    /// letters, then hyphen-separated letters and digits).
    /// </summary>
    public static string Literal(string value, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 16);
        RdfSyntax.AppendQuoted(builder, value);
        if (language is not null)
        {
            RdfSyntax.ValidateLanguage(language, nameof(language));
            builder.Append('@').Append(language);
        }
        return builder.ToString();
    }

    /// <summary>A literal of the datatype <paramref name="datatypeIri"/> (an http(s) IRI, for example xsd:date).</summary>
    public static string TypedLiteral(string value, string datatypeIri)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + datatypeIri.Length + 8);
        RdfSyntax.AppendQuoted(builder, value);
        return builder.Append("^^").Append(Iri(datatypeIri)).ToString();
    }

    /// <summary>An xsd:integer in SPARQL's short form.</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The lexical rules SPARQL and N-Triples share for IRIs, strings and language tags.</summary>
internal static class RdfSyntax
{
    public static void ValidateIri(string iri, string parameterName, bool httpOnly)
    {
        ArgumentNullException.ThrowIfNull(iri, parameterName);
        foreach (var c in iri)
        {
            if (c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\' || char.IsControl(c))
            {
                throw new ArgumentException($"'{Shorten(iri)}' is not a valid IRI: it contains the character U+{(int)c:X4}.", parameterName);
            }
        }
        if (!HasScheme(iri))
        {
            throw new ArgumentException($"'{Shorten(iri)}' is not an absolute IRI.", parameterName);
        }
        if (httpOnly && !(Uri.TryCreate(iri, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0))
        {
            throw new ArgumentException($"'{Shorten(iri)}' is not an http or https IRI.", parameterName);
        }
    }

    // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":". Cheaper than Uri parsing, which
    // matters when a load writes millions of IRIs.
    private static bool HasScheme(string iri)
    {
        if (iri.Length == 0 || !char.IsAsciiLetter(iri[0]))
        {
            return false;
        }
        for (var i = 1; i < iri.Length; i++)
        {
            var c = iri[i];
            if (c == ':')
            {
                return i + 1 < iri.Length;
            }
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }
        return false;
    }

    public static void ValidateLanguage(string language, string parameterName)
    {
        // LANGTAG of SPARQL and N-Triples: [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*
        var valid = language.Length > 0 && char.IsAsciiLetter(language[0]);
        var previousWasHyphen = false;
        var inFirstSubtag = true;
        foreach (var c in language)
        {
            if (c == '-')
            {
                valid &= !previousWasHyphen;
                previousWasHyphen = true;
                inFirstSubtag = false;
            }
            else
            {
                valid &= inFirstSubtag ? char.IsAsciiLetter(c) : char.IsAsciiLetterOrDigit(c);
                previousWasHyphen = false;
            }
        }
        if (!valid || previousWasHyphen)
        {
            throw new ArgumentException($"'{Shorten(language)}' is not a language tag.", parameterName);
        }
    }

    /// <summary>
    /// Appends <paramref name="value"/> between double quotes with the escapes both SPARQL (ECHAR) and N-Triples
    /// accept. The other control characters become \u escapes, which N-Triples needs and SPARQL reads as the same
    /// character.
    /// </summary>
    public static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => null,
            };
            if (escape is null && (c < ' ' || c == '\u007F'))
            {
                escape = $"\\u{(int)c:X4}";
            }
            if (escape is not null)
            {
                builder.Append(value, start, i - start).Append(escape);
                start = i + 1;
            }
        }
        builder.Append(value, start, value.Length - start).Append('"');
    }

    public static string Shorten(string value) => value.Length <= 200 ? value : string.Concat(value.AsSpan(0, 200), "…");
}
