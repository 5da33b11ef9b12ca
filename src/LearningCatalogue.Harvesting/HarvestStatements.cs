using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Storage;
using Microsoft.OData.UriParser;

namespace LearningCatalogue.Harvesting;

/// <summary>A statement built for one request, with its parameters.</summary>
internal sealed record HarvestStatement(string Sql, SqlParameters Parameters);

/// <summary>A page statement and the sort keys whose values its rows carry (as k0, k1, ...) for the next page's token.</summary>
internal sealed record PageStatement(string Sql, SqlParameters Parameters, IReadOnlyList<OrderKey> Keys);

/// <summary>What a request selects among the published entries: its $filter, and the ids its $search matched (null without $search).</summary>
internal sealed record Selection(FilterClause? Filter, IReadOnlyList<Guid>? Searched = null);

/// <summary>
/// The statements of the harvesting API, built per request from the OData semantic tree for one dialect. Only
/// published entries are ever selected. Fixed statements (the change log) are in <see cref="CatalogueStatements"/>.
/// </summary>
internal sealed class HarvestStatements(SqlDialect dialect, HarvestModel model, HarvestingOptions options)
{
    private const string Root = "o";
    private const string ConceptAlias = "v";

    /// <summary>
    /// One page of ids in the order of $orderby then id, after the row a skiptoken names (keyset: the cost of a page does
    /// not grow with its depth). Takes @Skip (the first page's $skip) and @Take.
    /// </summary>
    public PageStatement Page(Selection selection, OrderByClause? orderBy, PageToken? after)
    {
        var (parameters, translator, where) = Published(selection);
        var keys = translator.OrderBy(orderBy);
        if (after is not null)
        {
            if (after.Values.Count != keys.Count) throw HarvestQueryException.BadRequest("The $skiptoken does not belong to this $orderby.");
            where += " AND " + After(keys, after, parameters);
        }
        var select = string.Concat(keys.Select((k, i) => $", {k.Sql} AS k{i}"));
        var order = string.Concat(keys.Select((k, i) => $"k{i}{(k.Descending ? " DESC" : "")}, "));
        return new PageStatement(
            dialect.Paged($"SELECT {Root}.id{select} FROM {model.Opportunities.Table} {Root} WHERE {where} ORDER BY {order}{Root}.id"),
            parameters, keys);
    }

    public HarvestStatement Count(Selection selection)
    {
        var (parameters, _, where) = Published(selection);
        return new HarvestStatement($"SELECT COUNT(*) FROM {model.Opportunities.Table} {Root} WHERE {where}", parameters);
    }

    /// <summary>Which of the entries @Ids are published and match the filter (what a delta reports as added or changed).</summary>
    public HarvestStatement Matching(FilterClause? filter)
    {
        var (parameters, _, where) = Published(new Selection(filter));
        return new HarvestStatement($"SELECT {Root}.id FROM {model.Opportunities.Table} {Root} WHERE {Root}.id IN @Ids AND {where}", parameters);
    }

    /// <summary>The (parent, key) of the children of the parents @Parents that a nested $filter of $expand keeps.</summary>
    public HarvestStatement Children(Relation relation, FilterClause filter)
    {
        var parameters = new SqlParameters(dialect);
        const string alias = "x";
        var translator = new SqlTranslator(dialect, parameters, options.MaxFilterNodes, new SqlScope(alias, relation.Target));
        var where = $"{alias}.{relation.ForeignKey} IN @Parents";
        if (relation.Discriminator is not null) where += $" AND {alias}.{relation.Discriminator} = {parameters.Add(relation.DiscriminatorValue)}";
        return new HarvestStatement(
            $"SELECT {alias}.{relation.ForeignKey} AS parent, {alias}.{relation.Target.KeyColumn} AS child " +
            $"FROM {relation.Target.Table} {alias} WHERE {where} AND {translator.Predicate(filter.Expression)}",
            parameters);
    }

    /// <summary>
    /// One page of the concepts the filter selects, in the order of scheme then code, after the concept a skiptoken
    /// names (keyset, as for entries). Takes @Skip and @Take.
    /// </summary>
    public HarvestStatement Concepts(FilterClause? filter, ConceptToken? after)
    {
        var (parameters, where) = ConceptsWhere(filter);
        if (after is not null)
        {
            var (scheme, code) = (parameters.Add(after.Scheme), parameters.Add(after.Code));
            where += $" AND ({ConceptAlias}.scheme > {scheme} OR ({ConceptAlias}.scheme = {scheme} AND {ConceptAlias}.code > {code}))";
        }
        return new HarvestStatement(dialect.Paged($"{ConceptColumns} WHERE {where} ORDER BY {ConceptAlias}.scheme, {ConceptAlias}.code"), parameters);
    }

    public HarvestStatement ConceptCount(FilterClause? filter)
    {
        var (parameters, where) = ConceptsWhere(filter);
        return new HarvestStatement($"SELECT COUNT(*) FROM {model.Concepts.Table} {ConceptAlias} WHERE {where}", parameters);
    }

    /// <summary>The concept with the key @Scheme, @Code.</summary>
    public string Concept => $"{ConceptColumns} WHERE {ConceptAlias}.scheme = @Scheme AND {ConceptAlias}.code = @Code";

    private string ConceptColumns =>
        $"SELECT {ConceptAlias}.scheme, {ConceptAlias}.code, {ConceptAlias}.uri, {ConceptAlias}.label FROM {model.Concepts.Table} {ConceptAlias}";

    private (SqlParameters Parameters, string Where) ConceptsWhere(FilterClause? filter)
    {
        var parameters = new SqlParameters(dialect);
        var translator = new SqlTranslator(dialect, parameters, options.MaxFilterNodes, new SqlScope(ConceptAlias, model.Concepts));
        return (parameters, filter is null ? "1 = 1" : translator.Predicate(filter.Expression));
    }

    private (SqlParameters Parameters, SqlTranslator Translator, string Where) Published(Selection selection)
    {
        var parameters = new SqlParameters(dialect);
        var translator = new SqlTranslator(dialect, parameters, options.MaxFilterNodes, new SqlScope(Root, model.Opportunities));
        var where = $"{Root}.status = {parameters.Add(nameof(PublicationStatus.Published))}";
        // The search's ids are one JSON parameter: a search may match more entries than a statement takes parameters.
        if (selection.Searched is { } ids) where += " AND " + dialect.InIdList($"{Root}.id", parameters.Add(dialect.IdList(ids)));
        if (selection.Filter is { } filter) where += " AND " + translator.Predicate(filter.Expression);
        return (parameters, translator, where);
    }

    /// <summary>
    /// Rows after the token's row in the order (k0, k1, ..., id): for some i, equal on the keys before i and beyond on
    /// key i. Nulls come first in ascending order in both dialects (last in descending order).
    /// </summary>
    private static string After(IReadOnlyList<OrderKey> keys, PageToken token, SqlParameters parameters)
    {
        var values = keys.Select((k, i) => token.Values[i] is null ? null : parameters.Add(PageToken.Parse(token.Values[i]!, k.Type))).ToList();
        var id = parameters.Add(token.LastId);
        var alternatives = new List<string>();
        for (var i = 0; i <= keys.Count; i++)
        {
            var equalBefore = keys.Take(i).Select((k, j) => values[j] is null ? $"{k.Sql} IS NULL" : $"{k.Sql} = {values[j]}");
            var beyond = i == keys.Count ? $"{Root}.id > {id}" : Beyond(keys[i], values[i]);
            alternatives.Add(string.Join(" AND ", equalBefore.Append(beyond)));
        }
        return "(" + string.Join(" OR ", alternatives.Select(a => $"({a})")) + ")";
    }

    private static string Beyond(OrderKey key, string? value) => (key.Descending, value) switch
    {
        (false, null) => $"{key.Sql} IS NOT NULL",
        (false, _) => $"{key.Sql} > {value}",
        (true, null) => "1 = 0",
        (true, _) => key.Nullable ? $"({key.Sql} < {value} OR {key.Sql} IS NULL)" : $"{key.Sql} < {value}",
    };
}
