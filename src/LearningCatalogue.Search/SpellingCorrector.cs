using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace LearningCatalogue.Search;

/// <summary>
/// Corrects a query that found nothing with the index's own words: each word the index does not hold is replaced by
/// the nearest word it holds (at most two edits, the most frequent among the nearest), read with a FuzzyTermsEnum
/// over the unstemmed spelling field. The spelling package is not on the registry.
/// </summary>
internal static class SpellingCorrector
{
    private const int MinLength = 3;

    /// <summary>The corrected query, or null when every word is known or no near word exists.</summary>
    public static string? Correct(IndexReader reader, string query, SearchAnalyzers analyzers)
    {
        var terms = MultiFields.GetTerms(reader, SearchFields.Spell);
        if (terms is null) return null;
        var corrected = new StringBuilder(query);
        var changed = false;
        // From the end, so that the offsets of earlier words stay valid as later ones change length.
        foreach (var token in analyzers.Analyze(SearchFields.Spell, query).Reverse())
        {
            if (token.Term.Length < MinLength || reader.DocFreq(new Term(SearchFields.Spell, token.Term)) > 0) continue;
            if (Nearest(terms, token.Term) is not { } replacement) continue;
            corrected.Remove(token.Start, token.End - token.Start).Insert(token.Start, replacement);
            changed = true;
        }
        return changed ? corrected.ToString() : null;
    }

    private static string? Nearest(Terms terms, string word)
    {
        var attributes = new AttributeSource();
        var maxEdits = word.Length >= 6 ? 2 : 1;
        var fuzzy = new FuzzyTermsEnum(terms, attributes, new Term(SearchFields.Spell, word), maxEdits, prefixLength: 0, transpositions: true);
        var boost = fuzzy.Attributes.AddAttribute<IBoostAttribute>();
        (string Term, float Similarity, int DocFreq)? best = null;
        while (fuzzy.MoveNext())
        {
            var term = fuzzy.Term;
            // The boost says how near the term is; between equally near terms, the more frequent is the likelier meant.
            var candidate = (term.Utf8ToString(), boost.Boost, fuzzy.DocFreq);
            if (best is not { } b || candidate.Item2 > b.Similarity || (candidate.Item2 == b.Similarity && candidate.DocFreq > b.DocFreq))
            {
                best = candidate;
            }
        }
        return best?.Term;
    }
}
