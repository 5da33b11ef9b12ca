using LearningCatalogue.Catalogue;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Tests;
using LearningCatalogue.Rdf.Tests;
using LearningCatalogue.Skills.Esco;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Search.Tests;

/// <summary>
/// The index takes skill labels, broader skills and groups from ESCO in a real RDF store, as the hosts wire it (a cut
/// of the real package: computer programming and Python with everything broader). Expectations come from the CSV
/// package. The tests of this class run one after the other: each imports what it needs, replacing the store's ESCO.
/// </summary>
public sealed class EscoStoreTaxonomyTests(VirtuosoFixture virtuoso) : IClassFixture<VirtuosoFixture>, IDisposable
{
    private static readonly string[] Skills = [EdxCorpus.ComputerProgramming, EdxCorpus.Python];

    private readonly TestCatalogue _catalogue = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("catalogue-index-").FullName;
    private readonly ManualClock _clock = new();

    public void Dispose()
    {
        _catalogue.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Skills_are_indexed_with_their_labels_in_every_language_and_every_broader_concept_of_the_store()
    {
        await ImportAsync(["en", "fr", "es"]);
        var programming = English("programming", EdxCorpus.ComputerProgramming);
        var python = English("python", EdxCorpus.Python);
        var unlinked = English("unlinked", null);
        await _catalogue.Service.RestoreAsync([programming, python, unlinked]);
        using var index = NewIndex(virtuoso.Store);
        await index.RebuildAsync();
        var search = new CatalogueSearch(index, Options.Create(new SearchOptions()));

        // The entries are in English only: the French label of the linked skill finds the one linked to it.
        var french = await search.SearchAsync(new SearchRequest { Query = "programmation informatique", Language = "fr" });
        Assert.Equal([programming.Id], french.Hits.Select(h => h.Id));
        Assert.Contains(french.Hits[0].Outcomes.SelectMany(o => o.Skills), s => s.Uri == EdxCorpus.ComputerProgramming && s.Label == "programmation informatique");

        // Every broader concept of Python (broader skills, groups, the root) finds the entry linked to Python, and the
        // one linked to computer programming exactly when it is broader than that too.
        var taxonomy = EdxCorpus.Taxonomy;
        var broader = taxonomy.Ancestors(EdxCorpus.Python);
        Assert.Contains(broader, b => taxonomy.Find(b)?.ConceptType == EscoConceptType.SkillGroup);
        foreach (var concept in broader)
        {
            var filtered = await search.SearchAsync(new SearchRequest { Filters = new Dictionary<string, IReadOnlyList<string>> { [Facets.Skill] = [concept] } });
            var expected = new[] { programming, python }
                .Where(e => e.LearningOutcomes[0].SkillLinks.Any(l => l.SkillUri == concept || taxonomy.Ancestors(l.SkillUri).Contains(concept)));
            Assert.Equal(expected.Select(e => e.Id).Order(), filtered.Hits.Select(h => h.Id).Order());
        }

        var collections = Skills.SelectMany(s => taxonomy.Find(s)!.Collections).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.NotEmpty(collections);
        var all = await search.SearchAsync(new SearchRequest());
        Assert.Equal(collections.OrderBy(c => c.Key), all.Facets[Facets.Collection].ToDictionary(c => c.Value, c => c.Count).OrderBy(c => c.Key));
    }

    [Fact]
    public async Task A_taxonomy_missing_while_the_store_was_down_or_replaced_by_an_import_does_not_stay()
    {
        await ImportAsync(["en", "fr", "es"]);
        var outage = new OutageHandler { Down = true };
        using var index = NewIndex(virtuoso.CreateStore(outage));
        var service = new CatalogueService(_catalogue.Store, _catalogue.Validator, TimeProvider.System, [index]);
        var search = new CatalogueSearch(index, Options.Create(new SearchOptions()));
        async Task<int> CountAsync(string query, string language) => (await search.SearchAsync(new SearchRequest { Query = query, Language = language })).Total;

        // Indexed while the store is down: without the skill's labels in other languages.
        var linked = English("linked", EdxCorpus.ComputerProgramming);
        await service.RestoreAsync([linked]);
        Assert.Equal(0, await CountAsync("programmation informatique", "fr"));

        // The store is back: the next change is indexed with them.
        outage.Down = false;
        var stored = (await _catalogue.Store.FindAsync(linked.Id))!;
        await service.UpdateAsync(linked.Id, stored with { Summary = [new("en", "Read and present data.")] });
        Assert.Equal(1, await CountAsync("programmation informatique", "fr"));
        Assert.Equal(1, await CountAsync("programación informática", "es"));

        // ESCO imported again, without Spanish: the next rebuild takes the new taxonomy, once the store's cache checks
        // the store's current ESCO graph again (it does so at most once a minute).
        await ImportAsync(["en", "fr"]);
        _clock.Advance(TimeSpan.FromMinutes(2));
        await index.RebuildAsync();
        Assert.Equal(0, await CountAsync("programación informática", "es"));
        Assert.Equal(1, await CountAsync("programmation informatique", "fr"));
    }

    private async Task ImportAsync(string[] languages)
    {
        using var extract = new EscoExtract(Skills, languages);
        await new EscoImporter(virtuoso.Store).ImportAsync(extract.Folder);
    }

    /// <summary>The index as the hosts wire it: the taxonomy from the store through <see cref="EscoTaxonomyCache"/>.</summary>
    private CatalogueIndex NewIndex(Rdf.ISparqlStore store)
    {
        var cache = new EscoTaxonomyCache(new EscoSkillRepository(store), store, _clock, NullLogger<EscoTaxonomyCache>.Instance);
        return new CatalogueIndex(Options.Create(new SearchOptions { IndexFolder = _folder }), _catalogue.Store,
            new EscoStoreTaxonomySource(cache, NullLogger<EscoStoreTaxonomySource>.Instance), TimeProvider.System);
    }

    /// <summary>A published entry in English only, its outcome linked to a skill (or to none).</summary>
    private static LearningOpportunity English(string key, string? skill) => SampleEntries.Full(key) with
    {
        Status = PublicationStatus.Published,
        Title = [new("en", "Data literacy for public servants")],
        Description = [new("en", "A six-week course.")],
        LearningOutcomes =
        [
            new LearningOutcome
            {
                Id = Guid.NewGuid(),
                Text = [new("en", "Analyse a data set with a spreadsheet.")],
                SkillLinks = skill is null ? [] :
                [
                    new SkillLink
                    {
                        SkillUri = skill, Label = EdxCorpus.Taxonomy.Label(skill, "en"), LinkedBy = "search-tests",
                        LinkedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), Source = SkillLinkSource.Suggested,
                    },
                ],
            },
        ],
    };

    /// <summary>Fails every request while <see cref="Down"/>, as an RDF store that does not answer.</summary>
    private sealed class OutageHandler : DelegatingHandler
    {
        public volatile bool Down;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Down ? throw new HttpRequestException("Connection refused (the test's outage).") : base.SendAsync(request, cancellationToken);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
