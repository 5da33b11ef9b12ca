using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace LearningCatalogue.Search;

/// <summary>
/// Turns what a learner typed into a Lucene query: every word (or "quoted phrase") must match, in a title, summary,
/// description, outcome, skill label or provider name, in any language. The learner's language counts most; other
/// languages still match (a name is often the same across languages). Longer words also match their near spellings.
/// </summary>
internal static partial class SearchQueryBuilder
{
    /// <summary>Weight of a match in a language other than the learner's.</summary>
    private const float OtherLanguageWeight = 0.5f;
    private const float ProviderBoost = 1.5f;
    private const float FuzzyWeight = 0.2f;
    // Below this length one typing error changes too large a share of a word: "java" would find "lava".
    private const int MinFuzzyLength = 5;
    private const int TwoEditsLength = 8;

    /// <summary>The query, or null when nothing searchable was typed (only stop words, or nothing).</summary>
    public static Query? Build(string? text, string language, SearchAnalyzers analyzers)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var learnerKey = SearchLanguages.KeyOf(language);
        var query = new BooleanQuery();
        foreach (Match part in Parts().Matches(text))
        {
            var phrase = part.Groups["phrase"].Success;
            var words = phrase ? part.Groups["phrase"].Value : part.Groups["word"].Value;
            // A stop word of the learner's language (the, de, und) need not match.
            if (analyzers.Analyze(SearchFields.Text(SearchFields.Title, learnerKey), words).Count == 0) continue;
            var clause = new DisjunctionMaxQuery(0.1f);
            foreach (var key in SearchLanguages.Keys)
            {
                var weight = key == learnerKey ? 1f : OtherLanguageWeight;
                foreach (var (field, boost) in SearchFields.Weighted)
                {
                    var name = SearchFields.Text(field, key);
                    if (Match(name, words, analyzers) is { } match) clause.Add(Boosted(match, boost * weight));
                }
            }
            if (Match(SearchFields.Provider, words, analyzers) is { } provider) clause.Add(Boosted(provider, ProviderBoost));
            if (!phrase && Fuzzy(words, analyzers) is { } fuzzy) clause.Add(Boosted(fuzzy, FuzzyWeight));
            query.Add(clause, Occur.MUST);
        }
        return query.Clauses.Count == 0 ? null : query;
    }

    /// <summary>A term, or a phrase when the field's analysis makes several tokens of the words.</summary>
    private static Query? Match(string field, string words, SearchAnalyzers analyzers)
    {
        var tokens = analyzers.Analyze(field, words);
        if (tokens.Count == 0) return null;
        if (tokens.Count == 1) return new TermQuery(new Term(field, tokens[0].Term));
        var phrase = new PhraseQuery();
        foreach (var token in tokens) phrase.Add(new Term(field, token.Term), token.Position);
        return phrase;
    }

    /// <summary>
    /// Near spellings of a longer word among the unstemmed words of the index: a stem would hide the error
    /// ("managment" stems apart from "manag").
    /// </summary>
    private static Query? Fuzzy(string word, SearchAnalyzers analyzers)
    {
        if (analyzers.Analyze(SearchFields.Spell, word) is not [var token] || token.Term.Length < MinFuzzyLength) return null;
        return new FuzzyQuery(new Term(SearchFields.Spell, token.Term), token.Term.Length >= TwoEditsLength ? 2 : 1, prefixLength: 1);
    }

    private static Query Boosted(Query query, float boost)
    {
        query.Boost = boost;
        return query;
    }

    [GeneratedRegex("\"(?<phrase>[^\"]+)\"|(?<word>[^\\s\"]+)")]
    private static partial Regex Parts();
}
