using System.Net;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Tests;
using Dapper;
using LearningCatalogue.Catalogue.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData;

namespace LearningCatalogue.Harvesting.Tests;

/// <summary>Harvests that change the catalogue between pages, on a catalogue of their own.</summary>
public sealed class HarvestTests(HarvestingApi api) : IClassFixture<HarvestingApi>
{
    private static readonly (string, string) PageOf50 = ("Prefer", "odata.maxpagesize=50");

    private async Task<Guid> AddPublishedAsync(string key)
    {
        var entry = SampleEntries.Full(key) with { Status = PublicationStatus.Published, LearningOutcomes = [] };
        entry = entry with { LearningOutcomes = [new LearningOutcome { Id = Guid.NewGuid(), Text = [new("en", "Added during a harvest.")] }] };
        await api.Catalogue.RestoreAsync([entry]);
        return entry.Id;
    }

    [Fact]
    public async Task A_harvest_returns_each_entry_once_while_entries_are_inserted_and_deleted()
    {
        var before = (await api.PublishedNowAsync()).Select(e => e.Id).ToList();
        var seen = new List<Guid>();
        var removed = new HashSet<Guid>();
        var removedUnseen = new HashSet<Guid>();
        var url = "/odata/LearningOpportunities?$select=Id";
        for (var page = 1; url is not null; page++)
        {
            var result = await api.GetAsync(url, PageOf50);
            Assert.Equal(HttpStatusCode.OK, result.Status);
            Assert.Contains("odata.maxpagesize=50", result.Header("Preference-Applied"), StringComparison.Ordinal);
            seen.AddRange(result.Entries.Select(e => e.Id));
            url = result.NextLink?.PathAndQuery;
            if (page % 3 != 0) continue;
            // Between pages: one entry already harvested and one not yet harvested go, and a new one comes.
            var unseen = before.First(id => !seen.Contains(id) && !removed.Contains(id));
            removedUnseen.Add(unseen);
            foreach (var gone in new[] { seen[^1], unseen })
            {
                Assert.True(await api.Catalogue.DeleteAsync(gone));
                removed.Add(gone);
            }
            await AddPublishedAsync($"inserted-{page}");
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), before.Except(removed).ToHashSet());
        Assert.DoesNotContain(seen, removedUnseen.Contains);
        Assert.True(seen.Count > 900);
    }

    [Fact]
    public async Task A_harvest_ordered_by_a_nullable_property_is_complete_and_in_order()
    {
        var published = await api.PublishedNowAsync();
        var expected = published.OrderByDescending(e => e.EctsCredits).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => e.EctsCredits).ToList();
        var seen = new List<ODataNode>();
        for (var url = "/odata/LearningOpportunities?$select=Id,EctsCredits&$orderby=EctsCredits desc,Key"; url is not null;)
        {
            var result = await api.GetAsync(url, PageOf50);
            seen.AddRange(result.Entries);
            url = result.NextLink?.PathAndQuery;
        }

        Assert.Equal(published.Select(e => e.Id).Order(), seen.Select(e => e.Id).Order());
        Assert.Equal(expected, seen.Select(e => (decimal?)e["EctsCredits"]));
    }

    [Fact]
    public async Task A_delta_round_trip_reports_added_changed_and_withdrawn_entries()
    {
        var harvested = new List<ODataNode>();
        Uri? deltaLink = null;
        for (var url = "/odata/LearningOpportunities?$select=Id,Location"; url is not null;)
        {
            var result = await api.GetAsync(url, ("Prefer", "odata.track-changes, odata.maxpagesize=200"));
            Assert.Contains("odata.track-changes", result.Header("Preference-Applied"), StringComparison.Ordinal);
            harvested.AddRange(result.Entries);
            (url, deltaLink) = (result.NextLink?.PathAndQuery, result.DeltaLink);
        }
        Assert.NotNull(deltaLink);
        var entries = await api.PublishedNowAsync();
        var (changed, withdrawn, deleted) = (entries[10], entries[20], entries[30]);

        var added = await AddPublishedAsync("added-after-harvest");
        await api.Catalogue.UpdateAsync(changed.Id, changed with { Location = "Moved online" });
        await api.Catalogue.Store.UpdateAsync(withdrawn with { Status = PublicationStatus.Withdrawn });
        await api.Catalogue.DeleteAsync(deleted.Id);
        var delta = await api.GetAsync(deltaLink.PathAndQuery);
        var quiet = await api.GetAsync(delta.DeltaLink!.PathAndQuery);
        var changedNow = await api.GetAsync($"/odata/LearningOpportunities({changed.Id})");

        Assert.Equal(HttpStatusCode.OK, delta.Status);
        Assert.Equal(new[] { added, changed.Id }.Order(), delta.Entries.Select(e => e.Id).Order());
        Assert.Equal("Moved online", delta.Entries.Single(e => e.Id == changed.Id)["Location"]);
        Assert.Equal(new[] { withdrawn.Id, deleted.Id }.Order(), delta.Removed.Keys.Order());
        Assert.All(delta.Removed.Values, reason => Assert.Equal(DeltaDeletedEntryReason.Deleted, reason));
        Assert.Empty(quiet.Entries);
        Assert.Empty(quiet.Removed);
        Assert.Equal(entries.Count, harvested.Select(e => e.Id).Distinct().Count());
        // The changed entry comes with its new entity tag, the one its entity now answers with.
        var changedETag = delta.Entries.Single(e => e.Id == changed.Id).Resource!.ETag;
        Assert.Equal(changedNow.Header("ETag"), changedETag);
        Assert.NotEqual(harvested.Single(e => e.Id == changed.Id).Resource!.ETag, changedETag);
    }

    /// <summary>A tracked harvest of every page; its delta link.</summary>
    private async Task<Uri> TrackedHarvestAsync(string query)
    {
        var (_, last) = await api.AllPagesAsync("/odata/LearningOpportunities?$select=Id" + query, ("Prefer", "odata.track-changes, odata.maxpagesize=500"));
        return last.DeltaLink ?? throw new InvalidOperationException("The tracked harvest ended without a delta link.");
    }

    [Fact]
    public async Task A_delta_reports_unpublished_and_deleted_entries_as_deleted_and_never_a_draft()
    {
        var deltaLink = await TrackedHarvestAsync("");
        var entries = await api.PublishedNowAsync();
        var (unpublished, deleted) = (entries[40], entries[50]);
        var (changedDraft, deletedDraft) = (api.Drafts[2], api.Drafts[3]);
        var newDraft = SampleEntries.Full("draft-after-harvest") with { Status = PublicationStatus.Draft };

        await api.Catalogue.Store.UpdateAsync(unpublished with { Status = PublicationStatus.Draft });
        await api.Catalogue.DeleteAsync(deleted.Id);
        await api.Catalogue.Store.UpdateAsync(changedDraft with { Location = "Still a draft" });
        await api.Catalogue.DeleteAsync(deletedDraft.Id);
        await api.Catalogue.Store.AddAsync(newDraft);
        await api.Catalogue.Store.UpdateAsync(newDraft with { Location = "Still a draft too" });
        var delta = await api.GetAsync(deltaLink.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, delta.Status);
        Assert.Empty(delta.Entries);
        Assert.Equal(new[] { unpublished.Id, deleted.Id }.Order(), delta.Removed.Keys.Order());
        Assert.All(delta.Removed.Values, reason => Assert.Equal(DeltaDeletedEntryReason.Deleted, reason));
    }

    [Fact]
    public async Task A_removal_is_reported_when_later_pages_of_the_delta_see_only_draft_changes_of_it()
    {
        var deltaLink = await TrackedHarvestAsync("");
        var entries = await api.PublishedNowAsync();
        var unpublished = entries[60];

        // Unpublished first, then (after changes that fill the first delta pages) edited as a draft: the page that reports
        // it sees only the draft edit, and must still know it was published when the round started.
        await api.Catalogue.Store.UpdateAsync(unpublished with { Status = PublicationStatus.Draft });
        foreach (var changed in entries.Skip(61).Take(5)) await api.Catalogue.Store.UpdateAsync(changed with { Location = "Changed in the round" });
        await api.Catalogue.Store.UpdateAsync(unpublished with { Status = PublicationStatus.Draft, Location = "Edited as a draft" });
        var removed = new Dictionary<Guid, DeltaDeletedEntryReason?>();
        var changedIds = new List<Guid>();
        var pages = 0;
        for (var url = deltaLink.PathAndQuery; url is not null; pages++)
        {
            var delta = await api.GetAsync(url, ("Prefer", "odata.maxpagesize=2"));
            Assert.Equal(HttpStatusCode.OK, delta.Status);
            changedIds.AddRange(delta.Entries.Select(e => e.Id));
            foreach (var (id, reason) in delta.Removed) removed.Add(id, reason);
            url = delta.NextLink?.PathAndQuery;
        }

        Assert.True(pages > 2, $"The delta should take several pages, took {pages}.");
        Assert.Equal(entries.Skip(61).Take(5).Select(e => e.Id).Order(), changedIds.Order());
        Assert.Equal(unpublished.Id, Assert.Single(removed).Key);
        Assert.Equal(DeltaDeletedEntryReason.Deleted, removed[unpublished.Id]);
    }

    [Fact]
    public async Task A_delta_link_used_with_another_filter_answers_400()
    {
        var deltaLink = await TrackedHarvestAsync("&$filter=EqfLevel eq 5");
        var token = System.Web.HttpUtility.ParseQueryString(deltaLink.Query)["$deltatoken"];

        var same = await api.GetAsync($"/odata/LearningOpportunities?$select=Id&$filter=EqfLevel eq 5&$deltatoken={token}");
        var other = await api.GetAsync($"/odata/LearningOpportunities?$select=Id&$filter=EqfLevel eq 6&$deltatoken={token}");
        var none = await api.GetAsync($"/odata/LearningOpportunities?$select=Id&$deltatoken={token}");

        Assert.Equal(HttpStatusCode.OK, same.Status);
        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        Assert.Contains("$filter", other.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, none.Status);
    }

    [Fact]
    public async Task A_delta_link_older_than_the_retention_answers_410()
    {
        var first = await api.GetAsync("/odata/LearningOpportunities?$select=Id&$filter=EqfLevel eq 5", ("Prefer", "odata.track-changes"));
        try
        {
            api.Clock.Offset = TimeSpan.FromDays(31);
            var stale = await api.GetAsync(first.DeltaLink!.PathAndQuery);

            Assert.Equal(HttpStatusCode.Gone, stale.Status);
            Assert.Contains("harvest again", stale.Error!.Message, StringComparison.Ordinal);
        }
        finally
        {
            api.Clock.Offset = TimeSpan.Zero;
        }
    }

    /// <summary>The change records of an entry; of those, the ones older than the retention.</summary>
    private async Task<(long All, long Expired)> ChangeRecordsOfAsync(Guid id)
    {
        await using var connection = await api.Services.GetRequiredService<CatalogueDatabase>().OpenAsync();
        return await connection.QuerySingleAsync<(long, long)>(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN changed_at < @Before THEN 1 ELSE 0 END), 0) FROM change_log WHERE opportunity_id = @Id",
            new { Id = id, Before = api.Clock.GetUtcNow() - TimeSpan.FromDays(30) });
    }

    [Fact]
    public async Task Removal_records_older_than_the_retention_are_pruned_and_their_delta_links_answer_410()
    {
        var entries = await api.PublishedNowAsync();
        var (old, recent) = (entries[70], entries[71]);
        Uri staleLink;
        try
        {
            // 31 days ago (the retention is 30): a harvest, then a removal.
            api.Clock.Offset = -TimeSpan.FromDays(31);
            staleLink = await TrackedHarvestAsync("&$filter=EqfLevel eq 5");
            await api.Catalogue.DeleteAsync(old.Id);
        }
        finally
        {
            api.Clock.Offset = TimeSpan.Zero;
        }
        await api.Catalogue.DeleteAsync(recent.Id);
        var (oldBefore, recentBefore) = (await ChangeRecordsOfAsync(old.Id), await ChangeRecordsOfAsync(recent.Id));

        var stale = await api.GetAsync(staleLink.PathAndQuery);
        // Following any delta link prunes the log.
        var fresh = await api.GetAsync((await TrackedHarvestAsync("&$filter=EqfLevel eq 5")).PathAndQuery);

        Assert.Equal(HttpStatusCode.Gone, stale.Status);
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal(1, oldBefore.Expired);
        Assert.Equal((oldBefore.All - 1, 0), await ChangeRecordsOfAsync(old.Id));
        Assert.Equal(0, recentBefore.Expired);
        Assert.Equal(recentBefore, await ChangeRecordsOfAsync(recent.Id));
    }
}
