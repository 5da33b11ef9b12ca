using System.Text;
using LearningCatalogue.Catalogue.Model;
using Lucene.Net.Index;

namespace LearningCatalogue.Search;

/// <summary>
/// Writes a hit's snippet by hand (the highlighter package is not on the registry): analyzes candidate texts the way
/// the index did, marks the tokens whose terms the query matched with &lt;mark&gt;, and cuts the window around the
/// first match of the text with the most matches. The text is HTML-escaped around the marks.
/// </summary>
internal sealed class Highlighter
{
    public const int SnippetLength = 220;
    private const int LeadIn = 60;

    private readonly SearchAnalyzers _analyzers;
    // Matched terms by the analysis that produced them: a language key, or the spelling field for near spellings.
    private readonly Dictionary<string, HashSet<string>> _terms = new(StringComparer.Ordinal);

    public Highlighter(SearchAnalyzers analyzers, IEnumerable<Term> queryTerms)
    {
        _analyzers = analyzers;
        foreach (var term in queryTerms)
        {
            var bucket = term.Field == SearchFields.Spell ? SearchFields.Spell : SearchFields.LanguageOf(term.Field);
            if (bucket is null) continue;
            if (!_terms.TryGetValue(bucket, out var terms)) _terms[bucket] = terms = new HashSet<string>(StringComparer.Ordinal);
            terms.Add(term.Text);
        }
    }

    /// <summary>The snippet of the candidate with the most matches; the first candidate, unmarked, when none matches.</summary>
    public string? Snippet(IReadOnlyList<LocalizedText> candidates)
    {
        if (candidates.Count == 0) return null;
        var (text, matches) = candidates.Select(c => (c.Value, Matches(c))).MaxBy(c => c.Item2.Count);
        var first = matches.Count == 0 ? 0 : matches[0].Start;
        var from = Math.Max(0, first - LeadIn);
        // Start at a word, not within one.
        while (from > 0 && from < first && !char.IsWhiteSpace(text[from - 1])) from++;
        var to = Math.Min(text.Length, from + SnippetLength);
        while (to < text.Length && !char.IsWhiteSpace(text[to])) to++;

        var snippet = new StringBuilder();
        if (from > 0) snippet.Append('…');
        var at = from;
        foreach (var (start, end) in matches.Where(m => m.Start >= from && m.End <= to))
        {
            if (start < at) continue;
            snippet.Append(Escape(text[at..start])).Append("<mark>").Append(Escape(text[start..end])).Append("</mark>");
            at = end;
        }
        snippet.Append(Escape(text[at..to]));
        if (to < text.Length) snippet.Append('…');
        return snippet.ToString();
    }

    /// <summary>Escapes what HTML would read as markup, and only that: "é" stays "é" for clients that show JSON text.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    private List<(int Start, int End)> Matches(LocalizedText text)
    {
        var key = SearchLanguages.KeyOf(text.Language);
        var matches = new List<(int Start, int End)>();
        if (_terms.TryGetValue(key, out var stems))
        {
            matches.AddRange(_analyzers.Analyze(SearchFields.Text(SearchFields.Description, key), text.Value)
                .Where(t => stems.Contains(t.Term)).Select(t => (t.Start, t.End)));
        }
        if (_terms.TryGetValue(SearchFields.Spell, out var words))
        {
            matches.AddRange(_analyzers.Analyze(SearchFields.Spell, text.Value).Where(t => words.Contains(t.Term)).Select(t => (t.Start, t.End)));
        }
        return matches.Distinct().OrderBy(m => m.Start).ToList();
    }
}
