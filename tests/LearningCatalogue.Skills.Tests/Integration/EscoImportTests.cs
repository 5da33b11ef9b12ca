using LearningCatalogue.Catalogue.Tests;
using LearningCatalogue.Skills.Esco;

namespace LearningCatalogue.Skills.Tests.Integration;

/// <summary>
/// Import of the official package into a real SPARQL store. The fixture imports once; the tests that import again
/// leave an identical classification current, so the order of the tests does not matter.
/// </summary>
[Collection(EscoStoreCollection.Name)]
public sealed class EscoImportTests(EscoStoreFixture fixture)
{
    private EscoSkillRepository Repository => new(fixture.Store);

    [Fact]
    public async Task Imports_the_whole_package_and_counts_it_with_SPARQL()
    {
        var result = fixture.FirstImport;
        Assert.Equal(13_485, result.Skills);
        Assert.Equal(640, result.Groups);
        Assert.Equal(["en", "es", "fr"], result.Languages);
        Assert.Contains(fixture.Progress, p => p.Stage == "loading" && p.TriplesLoaded == result.Triples);

        var counts = await Repository.CountsAsync();
        Assert.Equal(13_485, counts.Skills);
        Assert.Equal(640, counts.Groups);
        Assert.Equal(["en", "es", "fr"], counts.Languages);
        Assert.All(counts.SkillPreferredLabels.Values, n => Assert.Equal(13_485, n));
        Assert.Equal(result.Triples, counts.Triples);
        Console.WriteLine($"ESCO import: {result.Triples} triples, {result.Skills} skills, {result.Groups} groups in {result.Duration.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task A_reimport_leaves_the_same_counts_and_drops_the_old_graph()
    {
        var before = await Repository.CountsAsync();

        var again = await new EscoImporter(fixture.Store).ImportAsync(SharedData.EscoFolder);

        Assert.Equal(before.GraphIri, again.PreviousGraphIri);
        Assert.NotEqual(before.GraphIri, again.GraphIri);
        Assert.True(again.PreviousGraphDropped);
        var after = await Repository.CountsAsync();
        Assert.Equal(again.GraphIri, after.GraphIri);
        Assert.Equal((before.Triples, before.Skills, before.Groups), (after.Triples, after.Skills, after.Groups));
        Assert.Equal(before.SkillPreferredLabels, after.SkillPreferredLabels);
        Assert.Equal(before.SkillAlternativeLabels, after.SkillAlternativeLabels);
        Assert.False(await HasTriplesAsync(before.GraphIri));
    }

    [Fact]
    public async Task A_failure_half_way_drops_the_new_graph_and_leaves_the_previous_one_current()
    {
        var before = await Repository.CountsAsync();
        var failing = new FailingStore(fixture.Store, failOnAdd: 5);

        await Assert.ThrowsAsync<HttpRequestException>(() => new EscoImporter(failing).ImportAsync(SharedData.EscoFolder));

        var attempted = Assert.Single(failing.GraphsWritten);
        Assert.Equal([attempted], failing.GraphsDropped);
        Assert.Equal(0, failing.Updates);
        Assert.False(await HasTriplesAsync(attempted));
        var after = await Repository.CountsAsync();
        Assert.Equal((before.GraphIri, before.Triples, before.Skills), (after.GraphIri, after.Triples, after.Skills));
    }

    [Fact]
    public async Task A_cancelled_import_drops_its_graph()
    {
        var before = await EscoGraph.CurrentAsync(fixture.Store);
        using var cancellation = new CancellationTokenSource();
        var progress = new CancelAfterFirstChunk(cancellation);
        var recording = new FailingStore(fixture.Store, failOnAdd: int.MaxValue);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new EscoImporter(recording).ImportAsync(SharedData.EscoFolder, progress, cancellation.Token));

        Assert.Equal(before, await EscoGraph.CurrentAsync(fixture.Store));
        Assert.Equal(recording.GraphsWritten, recording.GraphsDropped);
        Assert.False(await HasTriplesAsync(recording.GraphsWritten.Single()));
    }

    private async Task<bool> HasTriplesAsync(string graph) =>
        (await fixture.Store.QueryAsync($"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")).Boolean == true;

    private sealed class CancelAfterFirstChunk(CancellationTokenSource cancellation) : IProgress<EscoImportProgress>
    {
        public void Report(EscoImportProgress value)
        {
            if (value.Stage == "loading") cancellation.Cancel();
        }
    }
}
