using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Tests;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Search.Tests;

/// <summary>How fields weigh in relevance, on entries made so that only the weights decide.</summary>
public sealed class RankingTests : IDisposable
{
    private readonly TestCatalogue _catalogue = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("catalogue-index-").FullName;

    public void Dispose()
    {
        _catalogue.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_title_match_outranks_a_description_only_match()
    {
        // The same words in all, so that the spelling field scores both alike. Unweighted, the description match
        // would rank first: two words make a shorter field, which scores higher, than the title's three.
        var inTitle = Entry("in-title", title: "Florbnax basics and more", description: "Widget basics");
        var inDescription = Entry("in-description", title: "Widget basics and more", description: "Florbnax basics");
        await _catalogue.Service.RestoreAsync([inDescription, inTitle]);
        using var index = EdxCorpus.NewIndex(_catalogue, _folder);
        await index.RebuildAsync();

        var result = await new CatalogueSearch(index, Options.Create(new SearchOptions())).SearchAsync(new SearchRequest { Query = "florbnax" });

        Assert.Equal([inTitle.Id, inDescription.Id], result.Hits.Select(h => h.Id));
    }

    private static LearningOpportunity Entry(string key, string title, string description) => SampleEntries.Full(key) with
    {
        Status = PublicationStatus.Published,
        Title = [new("en", title)],
        Summary = [],
        Description = [new("en", description)],
        LearningOutcomes = [],
    };
}
