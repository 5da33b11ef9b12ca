using Dapper;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Storage;
using LearningCatalogue.Catalogue.Vocabularies;
using Microsoft.Extensions.Options;
using Microsoft.OData.UriParser;

namespace LearningCatalogue.Harvesting;

internal sealed record HarvestPage(IReadOnlyList<LearningOpportunity> Entries, PageToken? Next);

/// <summary>What changed after a point of the change log: entries to report as they are now, and ids to report as removed.</summary>
internal sealed record DeltaPage(IReadOnlyList<LearningOpportunity> Changed, IReadOnlyList<Guid> Removed, long Through, bool More);

/// <summary>Runs the harvesting statements and loads the entries they select through the catalogue store.</summary>
internal sealed class HarvestService(
    CatalogueDatabase database, LearningOpportunityStore store, HarvestStatements statements, IOptions<HarvestingOptions> options, TimeProvider clock)
{
    // The same batch limit as the store's reads: SQL Server takes at most 2,100 parameters in a statement.
    private const int BatchSize = 500;

    public async Task<HarvestPage> PageAsync(
        Selection selection, OrderByClause? orderBy, PageToken? after, int skip, int take, string query, DeltaToken? delta, CancellationToken cancellationToken)
    {
        var statement = statements.Page(selection, orderBy, after);
        statement.Parameters.Values.Add("Skip", skip);
        // One row more than the page tells whether there is a next page.
        statement.Parameters.Values.Add("Take", take + 1);
        List<IDictionary<string, object?>> rows;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            rows = (await connection.QueryAsync(new CommandDefinition(statement.Sql, statement.Parameters.Values, cancellationToken: cancellationToken)))
                .Cast<IDictionary<string, object?>>().ToList();
        }
        var page = rows.Take(take).ToList();
        PageToken? next = null;
        if (rows.Count > take && page.Count > 0)
        {
            var last = page[^1];
            next = new PageToken(statement.Keys.Select((k, i) => PageToken.Text(last[$"k{i}"], k.Type)).ToList(), ToGuid(last["id"]), query, delta);
        }
        return new HarvestPage(await store.FindManyAsync(page.Select(r => ToGuid(r["id"])).ToList(), cancellationToken), next);
    }

    public Task<long> CountAsync(Selection selection, CancellationToken cancellationToken) => ScalarAsync(statements.Count(selection), cancellationToken);

    /// <summary>A page of the concepts the filter selects, and whether there are more.</summary>
    public async Task<(IReadOnlyList<VocabularyTerm> Concepts, bool More)> ConceptsAsync(
        FilterClause? filter, ConceptToken? after, int skip, int take, CancellationToken cancellationToken)
    {
        var statement = statements.Concepts(filter, after);
        statement.Parameters.Values.Add("Skip", skip);
        statement.Parameters.Values.Add("Take", take + 1);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<VocabularyTerm>(new CommandDefinition(statement.Sql, statement.Parameters.Values, cancellationToken: cancellationToken))).ToList();
        return (rows.Take(take).ToList(), rows.Count > take);
    }

    public Task<long> ConceptCountAsync(FilterClause? filter, CancellationToken cancellationToken) => ScalarAsync(statements.ConceptCount(filter), cancellationToken);

    public async Task<VocabularyTerm?> FindConceptAsync(string scheme, string code, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<VocabularyTerm>(new CommandDefinition(
            statements.Concept, new { Scheme = scheme, Code = code }, cancellationToken: cancellationToken));
    }

    private async Task<long> ScalarAsync(HarvestStatement statement, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(statement.Sql, statement.Parameters.Values, cancellationToken: cancellationToken));
    }

    /// <summary>The entry when it is published; null when it does not exist or is not public.</summary>
    public async Task<LearningOpportunity?> FindPublishedAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var published = await MatchingAsync(connection, null, [id], cancellationToken);
        return published.Contains(id) ? await store.FindAsync(id, cancellationToken) : null;
    }

    public async Task<long> LastChangeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(database.Statements.LastChange, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The entries changed after the token's point of the change log, at most <paramref name="take"/>, each at its latest
    /// change: those published and matching the filter as they are now, the others (deleted, withdrawn, unpublished or
    /// no longer matching) as removed, but only those that were published at the round's start or since: an entry
    /// that was never published in that time was never served, and its id is not for anonymous harvesters. Removal
    /// records older than the retention are pruned first.
    /// </summary>
    public async Task<DeltaPage> ChangesAsync(DeltaToken token, FilterClause? filter, int take, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var before = clock.GetUtcNow() - options.Value.ChangeRetention;
        await connection.ExecuteAsync(new CommandDefinition(database.Statements.PruneChanges, new { Before = before }, cancellationToken: cancellationToken));
        var changes = (await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            database.Statements.ChangesAfter, new { token.From, After = token.Seq, Skip = 0, Take = take + 1 }, cancellationToken: cancellationToken))).ToList();
        var page = changes.Take(take).ToList();
        var ids = page.Select(c => c.OpportunityId).ToList();
        var matching = await MatchingAsync(connection, filter, ids, cancellationToken);
        var changed = await store.FindManyAsync(ids.Where(matching.Contains).ToList(), cancellationToken);
        var present = changed.Select(e => e.Id).ToHashSet();
        var removed = page.Where(c => c.WasPublished == 1 && !present.Contains(c.OpportunityId)).Select(c => c.OpportunityId).ToList();
        return new DeltaPage(changed, removed, page.Count > 0 ? page[^1].Seq : token.Seq, changes.Count > take);
    }

    /// <summary>The "parent\nchild" keys of the children of <paramref name="parents"/> that a nested $filter keeps.</summary>
    public async Task<HashSet<string>> ChildrenAsync(Relation relation, FilterClause filter, IReadOnlyList<Guid> parents, CancellationToken cancellationToken)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var batch in parents.Chunk(BatchSize))
        {
            var statement = statements.Children(relation, filter);
            statement.Parameters.Values.Add("Parents", batch);
            var rows = await connection.QueryAsync(new CommandDefinition(statement.Sql, statement.Parameters.Values, cancellationToken: cancellationToken));
            foreach (IDictionary<string, object?> row in rows) kept.Add(ChildKey(HarvestModel.KeyText(row["parent"]!), HarvestModel.KeyText(row["child"]!)));
        }
        return kept;
    }

    public static string ChildKey(string parent, string child) => parent + "\n" + child;

    private async Task<HashSet<Guid>> MatchingAsync(System.Data.Common.DbConnection connection, FilterClause? filter, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var matching = new HashSet<Guid>();
        foreach (var batch in ids.Chunk(BatchSize))
        {
            var statement = statements.Matching(filter);
            statement.Parameters.Values.Add("Ids", batch);
            matching.UnionWith(await connection.QueryAsync<Guid>(new CommandDefinition(statement.Sql, statement.Parameters.Values, cancellationToken: cancellationToken)));
        }
        return matching;
    }

    private static Guid ToGuid(object? value) => value switch
    {
        Guid guid => guid,
        string text => Guid.Parse(text),
        _ => throw new InvalidOperationException($"Cannot read an id from {value?.GetType().Name ?? "null"}."),
    };

    private sealed class ChangeRow
    {
        public Guid OpportunityId { get; set; }
        public long Seq { get; set; }
        public long WasPublished { get; set; }
    }
}
