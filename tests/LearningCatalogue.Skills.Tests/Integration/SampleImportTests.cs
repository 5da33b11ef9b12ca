using LearningCatalogue.Catalogue.Import;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Tests;
using LearningCatalogue.Skills.Esco;
using LearningCatalogue.Skills.Linking;

namespace LearningCatalogue.Skills.Tests.Integration;

/// <summary>The administrator's sample import: the edX corpus published at once, outcomes linked to suggested skills.</summary>
[Collection(EscoStoreCollection.Name)]
public sealed class SampleImportTests(EscoStoreFixture store) : IDisposable
{
    private readonly TestCatalogue _catalogue = new();

    public void Dispose() => _catalogue.Dispose();

    [Fact]
    public async Task The_sample_corpus_is_published_with_released_suggested_skill_links()
    {
        var linker = new SuggestedSkillLinks(await store.SuggestionsAsync(), TimeProvider.System);
        using var reader = new StreamReader(SharedData.File("corpora/edx_courses.csv"));

        var report = await new EdxCourseImporter(_catalogue.Service, _catalogue.Vocabularies)
            .ImportAsync(reader, new EdxImportOptions { Publish = true, Enrich = e => linker.Link(e) });

        var stored = await _catalogue.Store.ListAsync(1, 1000);
        Assert.Equal(975, stored.Total);
        Assert.All(stored.Items, e => Assert.Equal(PublicationStatus.Published, e.Status));
        var links = stored.Items.SelectMany(e => e.LearningOutcomes).SelectMany(o => o.SkillLinks).ToList();
        Assert.True(links.Count > 975, $"only {links.Count} links for 975 outcomes");
        Assert.All(links, l => Assert.Equal(SkillLinkSource.Suggested, l.Source));
        var released = await new EscoSkillRepository(store.Store).FindReleasedAsync(links.Select(l => l.SkillUri).Distinct());
        Assert.Equal(links.Select(l => l.SkillUri).Distinct().Order(), released.Select(s => s.Uri).Order());

        await new CatalogueGraph(store.Store).AddLinksAsync(report.Entries);
        var first = report.Entries.First(e => e.LearningOutcomes[0].SkillLinks.Count > 0).LearningOutcomes[0];
        Assert.Equal(first.SkillLinks.Select(l => l.SkillUri).Order(), await new CatalogueGraph(store.Store).OutcomeLinksAsync(first.Id));
    }
}
