using LearningCatalogue.Search;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace LearningCatalogue.Harvesting;

/// <summary>
/// Answers $search from the catalogue's search index: the expression ODataUriParser made of it (terms, phrases, AND,
/// OR, NOT) becomes a search of the index, whose matching ids then restrict the SQL, so that $filter, $orderby, keyset
/// paging and $count combine with it.
/// </summary>
internal sealed class HarvestSearch(CatalogueSearch search)
{
    // Harvesters are machines with no language of their own: terms are analysed as an English-speaking learner's,
    // which still matches every language (the learner search weighs the other languages lower, and rank is not used).
    private const string Language = "en";

    public async Task<Selection> SelectAsync(ODataUri uri, CancellationToken cancellationToken) =>
        new(uri.Filter, uri.Search is { } clause ? await search.MatchingIdsAsync(Expression(clause.Expression), Language, cancellationToken) : null);

    private static SearchExpression Expression(SingleValueNode node) => node switch
    {
        SearchTermNode term => new SearchTerm(term.Text),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => new SearchAnd(Expression(and.Left), Expression(and.Right)),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or => new SearchOr(Expression(or.Left), Expression(or.Right)),
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => new SearchNot(Expression(not.Operand)),
        _ => throw HarvestQueryException.NotSupported($"A {node.Kind} node in $search"),
    };
}
