using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Tests;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Extensions.Options;

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

        // A new published entry in two languages is found, and shown in the learner's language: title, summary and the
        // outcomes that have a French text in French, the outcome without one in English.
        var added = SampleEntries.Full("search-nrt") with
        {
            Status = PublicationStatus.Published,
            Summary = [new("en", "Read, question and present data."), new("fr", "Lire, interroger et présenter des données.")],
        };
        await corpus.Service.RestoreAsync([added]);
        var french = Assert.Single((await SearchAsync("agents publics", "fr")).Hits);
        Assert.Equal("Culture des données pour agents publics", french.Title);
        Assert.Equal("Lire, interroger et présenter des données.", french.Summary);
        Assert.Equal(["Analyser un jeu de données.", "Present findings in a chart."], french.Outcomes.Select(o => o.Text));
        var english = Assert.Single((await SearchAsync("agents publics")).Hits);
        Assert.Equal("Data literacy for public servants", english.Title);
        Assert.Equal("Read, question and present data.", english.Summary);
        Assert.Equal(["Analyse a data set with a spreadsheet.", "Present findings in a chart."], english.Outcomes.Select(o => o.Text));

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

    [Fact]
    public async Task A_rebuild_killed_before_its_switch_leaves_the_old_generation_serving_and_the_next_rebuild_removes_what_it_left()
    {
        // A catalogue and index folder of their own: the process that served it "restarts" below.
        using var catalogue = new TestCatalogue();
        var folder = System.IO.Directory.CreateTempSubdirectory("catalogue-index-killed-").FullName;
        try
        {
            var entries = (await EdxCorpus.EntriesAsync()).Where(e => e.Status == PublicationStatus.Published).Take(20).ToList();
            await catalogue.Service.RestoreAsync(entries);
            var pointer = Path.Combine(folder, "current");
            // Named later than any real generation, so that an index taking the newest folder instead of "current" fails.
            var killed = Path.Combine(folder, "gen-20991231T235959999-killedrebuild");
            var truncated = Path.Combine(folder, "gen-20991231T235959998-truncatedcopy");
            string serving;
            using (var before = EdxCorpus.NewIndex(catalogue, folder))
            {
                await before.RebuildAsync();
                serving = File.ReadAllLines(pointer)[0];
                // What a rebuild killed after writing its documents leaves: a generation with entries the database does
                // not hold, and the lock file the killed writer never removed; "current" still names the old one.
                using (var directory = FSDirectory.Open(killed))
                using (var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzers.Version, before.Analyzers)))
                {
                    writer.AddDocument(SearchDocumentBuilder.Build(
                        SampleEntries.Full("killed-rebuild") with { Status = PublicationStatus.Published, Title = [new("en", "Zyxwvut leftovers")] },
                        EdxCorpus.Taxonomy));
                    writer.Commit();
                }
                File.WriteAllBytes(Path.Combine(killed, "write.lock"), []);
                // And one killed while copying: every file cut in half.
                System.IO.Directory.CreateDirectory(truncated);
                foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(folder, serving)))
                {
                    var bytes = File.ReadAllBytes(file);
                    File.WriteAllBytes(Path.Combine(truncated, Path.GetFileName(file)), bytes[..(bytes.Length / 2)]);
                }
            }

            using var after = EdxCorpus.NewIndex(catalogue, folder);
            var search = new CatalogueSearch(after, Options.Create(new SearchOptions()));
            Assert.Equal(entries.Select(e => e.Id).ToHashSet(), (await search.AllHitsAsync(new SearchRequest())).Select(h => h.Id).ToHashSet());
            Assert.Equal(0, (await search.SearchAsync(new SearchRequest { Query = "zyxwvut" })).Total);
            Assert.Equal(serving, File.ReadAllLines(pointer)[0]);

            Assert.Equal(entries.Count, await after.RebuildAsync());
            Assert.NotEqual(serving, File.ReadAllLines(pointer)[0]);
            Assert.Equal(entries.Count, (await search.SearchAsync(new SearchRequest())).Total);
            // The rebuild removes the generations no pointer names.
            Assert.False(System.IO.Directory.Exists(killed));
            Assert.False(System.IO.Directory.Exists(truncated));
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Reports on the rebuild's own thread, so the rebuild stops at the row it is told to.</summary>
    private sealed class SynchronousProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
