using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Tests;

namespace LearningCatalogue.Search.Tests;

/// <summary>The index follows the catalogue's writes at once, and a rebuild never leaves searches unanswered.</summary>
public sealed class IndexUpdateTests(IndexedCorpus corpus) : IClassFixture<IndexedCorpus>
{
    // Far longer than a rebuild of the corpus takes; only a rebuild that hangs waits this long.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private Task<SearchResponse> SearchAsync(string query, string language = "en") =>
        corpus.Search.SearchAsync(new SearchRequest { Query = query, Language = language });

    private LearningOpportunity APublishedEntry(int skip) => corpus.Published.Where(e => e.Title[0].Language == "en").Skip(skip).First();

    [Fact]
    public async Task Writes_through_the_catalogue_service_are_searchable_at_once()
    {
        var entry = APublishedEntry(3);
        await corpus.Service.UpdateAsync(entry.Id, entry with { Title = [new("en", "Quantum basketweaving for zorblaxians")] });
        Assert.Equal([entry.Id], (await SearchAsync("zorblaxians")).Hits.Select(h => h.Id));

        await corpus.Service.SetSkillLinksAsync(entry.Id, 0,
            [new SkillLink { SkillUri = EdxCorpus.Statistics, Label = "statistics" }], "search-tests");
        var bySkill = await corpus.Search.SearchAsync(new SearchRequest
        {
            Query = "zorblaxians", Filters = new Dictionary<string, IReadOnlyList<string>> { [Facets.Skill] = [EdxCorpus.Statistics] },
        });
        Assert.Equal(1, bySkill.Total);

        await corpus.Service.DeleteAsync(entry.Id);
        Assert.Equal(0, (await SearchAsync("zorblaxians")).Total);

        // A new published entry in two languages is found, and shown in the learner's language.
        var added = SampleEntries.Full("search-nrt") with { Status = PublicationStatus.Published };
        await corpus.Service.RestoreAsync([added]);
        var french = await SearchAsync("agents publics", "fr");
        Assert.Equal("Culture des données pour agents publics", Assert.Single(french.Hits).Title);
        Assert.Equal("Data literacy for public servants", Assert.Single((await SearchAsync("agents publics")).Hits).Title);

        // A new draft is not.
        await corpus.Service.CreateAsync(SampleEntries.Described("search-nrt-draft") with { Title = [new("en", "Zorblaxian drafts")] });
        Assert.Equal(0, (await SearchAsync("zorblaxian")).Total);
    }

    [Fact]
    public async Task Searches_keep_answering_during_a_rebuild_and_see_the_changes_made_meanwhile()
    {
        var before = (await corpus.Search.SearchAsync(new SearchRequest())).Total;
        var entry = APublishedEntry(5);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var resume = new ManualResetEventSlim();
        // The rebuild stops half-way through its reading until the searches below have run: they run during it.
        var rebuild = Task.Run(() => corpus.Index.RebuildAsync(new SynchronousProgress(p =>
        {
            if (p.Read != 100) return;
            started.TrySetResult();
            if (!resume.Wait(Timeout)) throw new TimeoutException("The test did not let the rebuild go on.");
        })));
        await started.Task.WaitAsync(Timeout);
        // Committed while the rebuild reads: the rebuild may have read the entry before; the switch replays the change.
        await corpus.Service.UpdateAsync(entry.Id, entry with { Title = [new("en", "Snarfblatt studies")] });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(before, (await corpus.Search.SearchAsync(new SearchRequest())).Total);
            Assert.Equal([entry.Id], (await SearchAsync("snarfblatt")).Hits.Select(h => h.Id));
        }
        Assert.False(rebuild.IsCompleted);
        resume.Set();
        await rebuild.WaitAsync(Timeout);

        Assert.Equal(before, (await corpus.Search.SearchAsync(new SearchRequest())).Total);
        Assert.Equal([entry.Id], (await SearchAsync("snarfblatt")).Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task A_rebuild_that_fails_leaves_the_old_index_serving()
    {
        var before = (await corpus.Search.SearchAsync(new SearchRequest())).Total;
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Read == 200) cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => corpus.Index.RebuildAsync(progress, cancel.Token));

        Assert.Equal(before, (await corpus.Search.SearchAsync(new SearchRequest())).Total);
    }

    /// <summary>Reports on the rebuild's own thread, so the rebuild stops at the row it is told to.</summary>
    private sealed class SynchronousProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
