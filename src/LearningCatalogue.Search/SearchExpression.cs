using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace LearningCatalogue.Search;

/// <summary>
/// A boolean search over the index for callers that select, sort and page elsewhere (the OData $search of the
/// harvesting API): terms and phrases combined with and, or and not.
/// </summary>
public abstract record SearchExpression;

/// <summary>A word, or a phrase when the text holds several words; matched as the learner search matches what is typed.</summary>
public sealed record SearchTerm(string Text) : SearchExpression;

public sealed record SearchAnd(SearchExpression Left, SearchExpression Right) : SearchExpression;

public sealed record SearchOr(SearchExpression Left, SearchExpression Right) : SearchExpression;

public sealed record SearchNot(SearchExpression Operand) : SearchExpression;

/// <summary>Builds the Lucene query of a <see cref="SearchExpression"/> from the learner search's query for each term.</summary>
internal static class SearchExpressionQuery
{
    public static Query Build(SearchExpression expression, string language, SearchAnalyzers analyzers) => expression switch
    {
        // A quote would end the phrase early; the analyzers drop it anyway. A term of stop words only matches everything,
        // as such a word need not match in the learner search.
        SearchTerm term => SearchQueryBuilder.Build(Typed(term.Text), language, analyzers) ?? new MatchAllDocsQuery(),
        SearchAnd and => Boolean((Build(and.Left, language, analyzers), Occur.MUST), (Build(and.Right, language, analyzers), Occur.MUST)),
        SearchOr or => Boolean((Build(or.Left, language, analyzers), Occur.SHOULD), (Build(or.Right, language, analyzers), Occur.SHOULD)),
        // Lucene's MUST_NOT alone matches nothing: it excludes from all documents.
        SearchNot not => Boolean((new MatchAllDocsQuery(), Occur.MUST), (Build(not.Operand, language, analyzers), Occur.MUST_NOT)),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression, "Unknown search expression."),
    };

    /// <summary>The term as the learner search reads typed text: several words in quotes are one phrase.</summary>
    private static string Typed(string text)
    {
        var unquoted = text.Replace('"', ' ');
        return unquoted.Any(char.IsWhiteSpace) ? $"\"{unquoted}\"" : unquoted;
    }

    private static BooleanQuery Boolean(params (Query Query, Occur Occur)[] clauses)
    {
        var query = new BooleanQuery();
        foreach (var (clause, occur) in clauses) query.Add(clause, occur);
        return query;
    }
}

/// <summary>Collects the ids of every matching document from the id doc values, in no particular order.</summary>
internal sealed class IdCollector : ICollector
{
    private readonly BytesRef _scratch = new();
    private SortedDocValues? _ids;

    public List<Guid> Ids { get; } = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context) => _ids = context.AtomicReader.GetSortedDocValues(SearchFields.Id);

    public void Collect(int doc)
    {
        _ids!.Get(doc, _scratch);
        Ids.Add(Guid.Parse(_scratch.Utf8ToString()));
    }
}
