using LearningCatalogue.Rdf;
using LearningCatalogue.Rdf.Tests;
using LearningCatalogue.Skills.Esco;
using LearningCatalogue.Skills.Linking;
using LearningCatalogue.Skills.Suggestion;

namespace LearningCatalogue.Skills.Tests.Integration;

/// <summary>
/// What the product asks of its RDF store, recorded on the wire: the import, the look-ups, the suggestion index build and
/// the catalogue's links use the standard protocol forms only, at the configured endpoints, in graphs under the
/// configured graph base. That is what lets another SPARQL 1.1 store (Fuseki, GraphDB) serve by configuration alone.
/// </summary>
[Collection(EscoStoreCollection.Name)]
public sealed class StoreConfigurationTests(EscoStoreFixture fixture)
{
    [Fact]
    public async Task The_product_speaks_only_the_standard_protocols_in_the_graphs_its_configuration_names()
    {
        var options = fixture.Virtuoso.VirtuosoOptions.ToStoreOptions();
        options.GraphBaseIri = $"http://graphs.example/{Guid.NewGuid():N}/";
        var recorder = new RecordingHandler();
        var store = fixture.Virtuoso.CreateStore(recorder, options);
        var defaultStoresGraph = await EscoGraph.CurrentAsync(fixture.Store);
        using var package = new TinyPackage();
        using var index = new SkillSuggestionIndex(Directory.CreateTempSubdirectory("skill-index-").FullName);
        var entryId = Guid.NewGuid();
        var outcomeId = Guid.NewGuid();

        var import = await new EscoImporter(store).ImportAsync(package.Folder);
        var skill = await new EscoSkillRepository(store).GetAsync(TinyPackage.Plain, "fr");
        await index.BuildAsync(new EscoSkillRepository(store).AllSkillsAsync());
        var catalogue = new CatalogueGraph(store);
        await catalogue.ReplaceOutcomeLinksAsync(entryId, outcomeId, [TinyPackage.Plain]);
        var links = await catalogue.OutcomeLinksAsync(outcomeId);

        // It all worked, against graphs of the configured base...
        Assert.StartsWith(options.GraphBaseIri, import.GraphIri);
        Assert.Equal(import.GraphIri, await EscoGraph.CurrentAsync(store));
        Assert.Equal("compétence simple", skill?.PreferredLabel?.Value);
        Assert.Equal(TinyPackage.Plain, index.Suggest("compétence simple", "fr", 1).Single().Uri);
        Assert.Equal([TinyPackage.Plain], links);
        Assert.Equal(options.GraphBaseIri + "catalogue", catalogue.GraphIri);
        // ...leaving the graphs of the default base alone.
        Assert.Equal(defaultStoresGraph, await EscoGraph.CurrentAsync(fixture.Store));
        Assert.Empty(await new CatalogueGraph(fixture.Store).OutcomeLinksAsync(outcomeId));

        // On the wire: standard request forms only, and every graph named is one of the configured base.
        Assert.NotEmpty(recorder.Requests);
        Assert.All(recorder.Requests, request => Assert.True(request.IsStandardFor(options), $"Not a standard request form: {request}"));
        Assert.Contains(recorder.Requests, r => r.ContentType == "application/n-triples");
        Assert.Contains(recorder.Requests, r => r.ContentType == "application/sparql-update");
        Assert.All(recorder.Requests.Where(r => r.Query.StartsWith("?graph=", StringComparison.Ordinal)),
            r => Assert.StartsWith(options.GraphBaseIri, Uri.UnescapeDataString(r.Query["?graph=".Length..])));
        Assert.DoesNotContain(recorder.Requests, r => Uri.UnescapeDataString(r.Body).Contains(new RdfStoreOptions().GraphBaseIri, StringComparison.Ordinal));

        foreach (var graph in new[] { import.GraphIri, EscoGraph.MetaGraph(store), catalogue.GraphIri }) await store.DropGraphAsync(graph);
    }
}
