using System.Text.Json;
using LearningCatalogue.Catalogue.Exchange;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Storage;
using Microsoft.Data.Sqlite;

namespace LearningCatalogue.Catalogue.Tests.Storage;

public sealed class LearningOpportunityStoreTests : IDisposable
{
    private readonly TestCatalogue _catalogue = new();

    public void Dispose() => _catalogue.Dispose();

    // Records compare their lists by reference; the JSON form compares every value.
    private static string Json(LearningOpportunity? entry) => JsonSerializer.Serialize(entry, CatalogueJson.Options);

    [Fact]
    public async Task An_entry_with_every_field_reads_back_as_it_was_written()
    {
        var entry = SampleEntries.Full();

        await _catalogue.Store.AddAsync(entry);

        Assert.Equal(Json(entry), Json(await _catalogue.Store.FindAsync(entry.Id)));
    }

    [Fact]
    public async Task An_update_replaces_texts_outcomes_and_links()
    {
        var entry = SampleEntries.Full();
        await _catalogue.Store.AddAsync(entry);
        var changed = entry with
        {
            Title = [new("es", "Alfabetización de datos")],
            LearningOutcomes = [entry.LearningOutcomes[1]],
            Fees = [],
            AwardingBody = null,
            EqfLevel = 5,
        };

        Assert.True(await _catalogue.Store.UpdateAsync(changed));

        Assert.Equal(Json(changed), Json(await _catalogue.Store.FindAsync(entry.Id)));
    }

    [Fact]
    public async Task Deleting_an_entry_removes_its_outcomes_and_links()
    {
        var entry = SampleEntries.Full();
        await _catalogue.Store.AddAsync(entry);

        Assert.True(await _catalogue.Store.DeleteAsync(entry.Id));

        Assert.Null(await _catalogue.Store.FindAsync(entry.Id));
        await using var connection = await _catalogue.Database.OpenAsync();
        foreach (var table in new[] { "learning_outcome", "outcome_text", "skill_link", "opportunity_text", "opportunity_code" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table}";
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }
        Assert.False(await _catalogue.Store.DeleteAsync(entry.Id));
    }

    [Fact]
    public async Task Pages_come_in_creation_order_with_the_total()
    {
        var entries = Enumerable.Range(0, 7).Select(i => SampleEntries.Full($"key-{i}") with
        {
            CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
        }).ToList();
        await _catalogue.Store.AddRangeAsync(entries.AsEnumerable().Reverse());

        var page = await _catalogue.Store.ListAsync(pageNumber: 2, pageSize: 3);

        Assert.Equal(7, page.Total);
        Assert.Equal(["key-3", "key-4", "key-5"], page.Items.Select(e => e.Key));
    }

    [Fact]
    public async Task A_key_is_unique_per_provider()
    {
        await _catalogue.Store.AddAsync(SampleEntries.Full("same"));

        await Assert.ThrowsAsync<DuplicateKeyException>(() => _catalogue.Store.AddAsync(SampleEntries.Full("same")));
        var stored = await _catalogue.Store.ListAsync(1, 10);
        await Assert.ThrowsAsync<DuplicateKeyException>(() => _catalogue.Store.AddAsync(stored.Items.Single()));
        var otherProvider = SampleEntries.Full("same") with { Providers = [new Provider { Name = "Ghent University", Country = "BEL" }] };
        await _catalogue.Store.AddAsync(otherProvider);
        Assert.Equal(2, await _catalogue.Store.CountAsync());
    }

    [Fact]
    public async Task A_failure_half_way_through_a_write_stores_nothing()
    {
        // The database refuses the skill link, the last thing written for an entry, after the entry row,
        // its texts and its outcomes were already inserted in the same transaction.
        await RefuseSkillLinksAsync();
        var first = SampleEntries.Full("first") with { LearningOutcomes = [] };
        var second = SampleEntries.Full("second");

        await Assert.ThrowsAsync<SqliteException>(() => _catalogue.Store.AddRangeAsync([first, second]));

        Assert.Equal(0, await _catalogue.Store.CountAsync());
        await using var check = await _catalogue.Database.OpenAsync();
        using var count = check.CreateCommand();
        count.CommandText = "SELECT (SELECT COUNT(*) FROM opportunity_text) + (SELECT COUNT(*) FROM learning_outcome) + (SELECT COUNT(*) FROM outcome_text)";
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task An_update_that_fails_half_way_leaves_the_entry_as_it_was()
    {
        // An update deletes the entry's texts, outcomes and links, then inserts the new ones: the refused link comes
        // after the deletes and the new texts, in the same transaction.
        var entry = SampleEntries.Full();
        await _catalogue.Store.AddAsync(entry);
        var before = Json(await _catalogue.Store.FindAsync(entry.Id));
        await RefuseSkillLinksAsync();
        var changed = entry with { Title = [new("en", "Changed")], EqfLevel = 4 };

        await Assert.ThrowsAsync<SqliteException>(() => _catalogue.Store.UpdateAsync(changed));

        Assert.Equal(before, Json(await _catalogue.Store.FindAsync(entry.Id)));
    }

    private async Task RefuseSkillLinksAsync()
    {
        await using var connection = new SqliteConnection(_catalogue.ConnectionString);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TRIGGER refuse_link BEFORE INSERT ON skill_link BEGIN SELECT RAISE(ABORT, 'refused'); END";
        await command.ExecuteNonQueryAsync();
    }
}
