using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.It;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.NGram;
using LearningCatalogue.Skills.Suggestion;
using Lucene.Net.Analysis.Nl;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace LearningCatalogue.Search;

/// <summary>A token of analyzed text: its term, its position, and where it stands in the text.</summary>
internal readonly record struct AnalyzedToken(string Term, int Position, int Start, int End);

/// <summary>
/// The analyzers of the catalogue index, chosen by field name (see <see cref="SearchFields"/>): a text field ending in
/// "_fr" is analyzed in French, suggestion fields into edge n-grams, the spelling field into plain lower-case words.
/// One instance analyzes documents and queries, so both sides agree.
/// </summary>
internal sealed class SearchAnalyzers : AnalyzerWrapper
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Longest prefix the type-ahead matches; longer prefixes match on their first characters.</summary>
    public const int MaxSuggestGram = 20;

    private readonly ConcurrentDictionary<string, Analyzer> _byKey = new(StringComparer.Ordinal);

    public SearchAnalyzers() : base(PER_FIELD_REUSE_STRATEGY) { }

    /// <summary>The analyzer of a language key of <see cref="SearchLanguages"/>.</summary>
    public Analyzer ForLanguage(string key) => _byKey.GetOrAdd(key, CreateLanguage);

    /// <summary>The prefix a learner typed, in the words the suggestion fields hold (without cutting it into n-grams).</summary>
    public Analyzer SuggestQuery => _byKey.GetOrAdd("suggest-query", _ => Words(fold: true, edgeGrams: false));

    /// <summary>The tokens of a text as a field analyzes it, with their positions and offsets in the text.</summary>
    public IReadOnlyList<AnalyzedToken> Analyze(string field, string text) => Analyze(GetTokenStream(field, text));

    /// <summary>The tokens of a text as an analyzer of this set analyzes it.</summary>
    public static IReadOnlyList<AnalyzedToken> Analyze(Analyzer analyzer, string text) => Analyze(analyzer.GetTokenStream("", text));

    private static List<AnalyzedToken> Analyze(TokenStream stream)
    {
        using (stream)
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            var tokens = new List<AnalyzedToken>();
            var position = -1;
            stream.Reset();
            while (stream.IncrementToken())
            {
                position += increment.PositionIncrement;
                tokens.Add(new AnalyzedToken(term.ToString(), position, offset.StartOffset, offset.EndOffset));
            }
            stream.End();
            return tokens;
        }
    }

    protected override Analyzer GetWrappedAnalyzer(string fieldName) =>
        fieldName.StartsWith(SearchFields.SuggestPrefix, StringComparison.Ordinal) ? _byKey.GetOrAdd("suggest", _ => Words(fold: true, edgeGrams: true))
        : fieldName == SearchFields.Spell ? _byKey.GetOrAdd("spell", _ => Words(fold: false, edgeGrams: false))
        : ForLanguage(SearchFields.LanguageOf(fieldName) ?? SearchLanguages.Other);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var analyzer in _byKey.Values) analyzer.Dispose();
        }
        base.Dispose(disposing);
    }

    private static Analyzer CreateLanguage(string key) => new AccentFoldingAnalyzer(key switch
    {
        "en" => new EnglishAnalyzer(Version),
        "fr" => new FrenchAnalyzer(Version),
        "es" => new SpanishAnalyzer(Version),
        "de" => new GermanAnalyzer(Version),
        "it" => new ItalianAnalyzer(Version),
        "nl" => new DutchAnalyzer(Version),
        "pt" => new PortugueseAnalyzer(Version),
        // Other languages have no stemmer here; no stop words either, since an English stop list would drop words of theirs.
        _ => new StandardAnalyzer(Version, CharArraySet.Empty),
    });

    /// <summary>Standard words, lower-cased; folded to ASCII for matching, cut into edge n-grams for prefix matching.</summary>
    private static Analyzer Words(bool fold, bool edgeGrams) => Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        if (fold) stream = new ASCIIFoldingFilter(stream);
        if (edgeGrams) stream = new EdgeNGramTokenFilter(Version, stream, 1, MaxSuggestGram);
        return new TokenStreamComponents(tokenizer, stream);
    });

}
