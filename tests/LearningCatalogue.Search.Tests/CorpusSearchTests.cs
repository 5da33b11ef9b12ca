using System.Text.RegularExpressions;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Skills.Esco;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Search.Tests;

/// <summary>What a learner gets from the index of the 975 edX courses; expectations are computed from the database.</summary>
public sealed class CorpusSearchTests(IndexedCorpus corpus) : IClassFixture<IndexedCorpus>
{
    private static string AllText(LearningOpportunity e) => string.Join("\n",
        e.Title.Concat(e.Summary).Concat(e.Description).Concat(e.LearningOutcomes.SelectMany(o => o.Text)).Select(t => t.Value)).ToLowerInvariant();

    private static bool HasWord(LearningOpportunity e, string word) => Regex.IsMatch(AllText(e), $@"\b{Regex.Escape(word)}\b");

    private LearningOpportunity Entry(SearchHit hit) => corpus.Entries.Single(e => e.Id == hit.Id);

    private static HashSet<Guid> Ids(IEnumerable<SearchHit> hits) => hits.Select(h => h.Id).ToHashSet();

    [Fact]
    public async Task Only_published_entries_are_indexed()
    {
        var all = await corpus.AllHitsAsync(new SearchRequest());
        Assert.Equal(corpus.Published.Select(e => e.Id).ToHashSet(), Ids(all));
        Assert.True(corpus.Published.Count < corpus.Entries.Count);
    }

    [Fact]
    public async Task English_words_match_their_inflections()
    {
        var hits = await corpus.AllHitsAsync(new SearchRequest { Query = "managing", Language = "en" });
        // "managing" and "management" share their stem: courses that only say "management" are found.
        Assert.Contains(hits, h => HasWord(Entry(h), "management") && !HasWord(Entry(h), "managing"));
    }

    [Fact]
    public async Task Spanish_words_match_their_inflections()
    {
        // Quoted, the word gets no fuzzy clause (which would reach "empresas" in one edit): only the stemmer joins them.
        var hits = await corpus.AllHitsAsync(new SearchRequest { Query = "\"empresa\"", Language = "es" });
        // A Spanish entry: the query is also analysed in Portuguese, whose stemmer joins the same two words.
        Assert.Contains(hits, h => Entry(h).Title[0].Language == "es" && HasWord(Entry(h), "empresas") && !HasWord(Entry(h), "empresa"));
    }

    [Fact]
    public async Task French_accents_need_not_be_typed()
    {
        // Quoted, the word gets no fuzzy clause (which would reach "développement" in two edits): only folding joins them.
        var result = await corpus.Search.SearchAsync(new SearchRequest { Query = "\"developpement\"", Language = "fr" });
        Assert.Contains(result.Hits, h => h.Title == "Gestion de projets de développement");
        Assert.Contains("<mark>développement</mark>", result.Hits.First(h => h.Title == "Gestion de projets de développement").Snippet ?? "");
    }

    [Fact]
    public async Task A_French_query_finds_an_English_course_through_the_labels_of_its_linked_skill()
    {
        var hits = await corpus.AllHitsAsync(new SearchRequest { Query = "programmation informatique", Language = "fr" });
        var english = hits.Select(Entry).Where(e => e.Title[0].Language == "en" && !AllText(e).Contains("programmation")).ToList();
        Assert.NotEmpty(english);
        Assert.All(english, e => Assert.Contains(e.LearningOutcomes.SelectMany(o => o.SkillLinks), l => l.SkillUri == EdxCorpus.ComputerProgramming));
        // The hit shows the skill with its French label.
        var hit = hits.First(h => h.Id == english[0].Id);
        Assert.Contains(hit.Outcomes.SelectMany(o => o.Skills), s => s.Uri == EdxCorpus.ComputerProgramming && s.Label == "programmation informatique");
    }

    [Fact]
    public async Task Filtering_by_a_skill_group_finds_entries_linked_to_its_narrower_skills()
    {
        var taxonomy = EdxCorpus.Taxonomy;
        var group = taxonomy.Ancestors(EdxCorpus.Python).First(a => taxonomy.Find(a)?.ConceptType == EscoConceptType.SkillGroup);
        var expected = corpus.Published
            .Where(e => e.LearningOutcomes.SelectMany(o => o.SkillLinks).Any(l => l.SkillUri == group || taxonomy.Ancestors(l.SkillUri).Contains(group)))
            .Select(e => e.Id).ToHashSet();

        var hits = await corpus.AllHitsAsync(new SearchRequest { Filters = new Dictionary<string, IReadOnlyList<string>> { [Facets.Skill] = [group] } });

        Assert.Equal(expected, Ids(hits));
        Assert.Contains(hits.Select(Entry), e => e.LearningOutcomes.SelectMany(o => o.SkillLinks).Any(l => l.SkillUri == EdxCorpus.Python));
    }

    // Each facet's values, computed from the entries as the database holds them.
    private static readonly Dictionary<string, Func<LearningOpportunity, IEnumerable<string>>> FacetValues = new()
    {
        // Every linked skill with its ancestors: filtering by a broader skill or group finds the narrower ones.
        [Facets.Skill] = e => e.LearningOutcomes.SelectMany(o => o.SkillLinks)
            .SelectMany(l => EdxCorpus.Taxonomy.Ancestors(l.SkillUri).Prepend(l.SkillUri)).Distinct(),
        [Facets.Collection] = e => e.LearningOutcomes.SelectMany(o => o.SkillLinks)
            .SelectMany(l => EdxCorpus.Taxonomy.Find(l.SkillUri)?.Collections ?? []).Distinct(),
        [Facets.Eqf] = e => e.EqfLevel is { } l ? [l.ToString()] : [],
        [Facets.Language] = e => e.InstructionLanguages,
        [Facets.Country] = e => e.Providers.Select(p => p.Country).OfType<string>().Distinct(),
        [Facets.Provider] = e => e.Providers.Select(p => p.Name).Where(n => n.Length > 0).Distinct(),
        [Facets.Mode] = e => e.Mode is { } m ? [m] : [],
        [Facets.Schedule] = e => e.LearningSchedule is { } s ? [s] : [],
        [Facets.Assessment] = e => e.AssessmentTypes.Distinct(),
        [Facets.Field] = e => e.ThematicFields,
        [Facets.Credential] = e => [SearchDocumentBuilder.CredentialValue(e.CredentialKind)],
        [Facets.Fee] = e => e.Fees.Count == 0 ? [] : [e.Fees.Min(f => f.Amount) == 0 ? Facets.Free : Facets.Paid],
    };

    /// <summary>
    /// Searches with facet filters and checks, against the entries of the database, the hits (values of one facet OR,
    /// facets AND) and every facet's counts: over the entries passing every filter but the facet's own.
    /// </summary>
    private async Task<SearchResponse> AssertFilteredAndCountedAsync(Dictionary<string, IReadOnlyList<string>> filters)
    {
        bool Passes(LearningOpportunity e, string? except) =>
            filters.Where(f => f.Key != except).All(f => FacetValues[f.Key](e).Intersect(f.Value).Any());
        // Every value counted, not only the most frequent ones the API lists.
        var search = new CatalogueSearch(corpus.Index, Options.Create(new SearchOptions { FacetValueLimit = 10_000 }));
        var result = await search.SearchAsync(new SearchRequest { Filters = filters, Size = 1 });

        Assert.Equal(corpus.Published.Where(e => Passes(e, null)).Select(e => e.Id).ToHashSet(), Ids(await corpus.AllHitsAsync(new SearchRequest { Filters = filters })));
        Assert.Equal(corpus.Published.Count(e => Passes(e, null)), result.Total);
        foreach (var (facet, values) in FacetValues)
        {
            var expected = corpus.Published.Where(e => Passes(e, facet)).SelectMany(values)
                .GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
            var actual = result.Facets[facet].Where(c => c.Count > 0).ToDictionary(c => c.Value, c => c.Count);
            Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
        }
        return result;
    }

    [Fact]
    public async Task Facet_counts_ignore_their_own_filter_and_equal_counts_over_the_database()
    {
        var result = await AssertFilteredAndCountedAsync(new() { [Facets.Eqf] = ["5", "6"], [Facets.Country] = ["BEL"], [Facets.Fee] = [Facets.Free] });
        Assert.True(result.Total > 0);
        // Other EQF levels are counted although the filter chose 5 and 6: the counts are disjunctive.
        Assert.Contains(result.Facets[Facets.Eqf], c => c.Value == "4" && c.Count > 0);
    }

    [Fact]
    public async Task Provider_schedule_assessment_and_collection_filter_and_count_as_the_database_does()
    {
        var providers = corpus.Published.SelectMany(FacetValues[Facets.Provider]).GroupBy(p => p)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3).Select(g => g.Key).ToList();
        var filters = new Dictionary<string, IReadOnlyList<string>>
        {
            [Facets.Provider] = providers,
            [Facets.Schedule] = ["67395e6b5a", "72a0ab92fa"],
            [Facets.Assessment] = ["795dac4096"],
        };
        Assert.True((await AssertFilteredAndCountedAsync(filters)).Total > 0);

        // The collections of the linked skills, as the ESCO package files them.
        var collection = await AssertFilteredAndCountedAsync(new() { [Facets.Collection] = [EscoCollection.Digital], [Facets.Schedule] = ["f230bae523"] });
        Assert.True(collection.Total > 0);
    }

    [Fact]
    public async Task Language_mode_field_and_credential_filter_and_count_as_the_database_does()
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>
        {
            [Facets.Language] = ["SPA", "FRA"],
            // Online and blended.
            [Facets.Mode] = ["920fbb3cbe", "e92d221e4d"],
            [Facets.Field] = ["0613"],
        };
        Assert.True((await AssertFilteredAndCountedAsync(filters)).Total > 0);

        var credential = await AssertFilteredAndCountedAsync(new()
        {
            [Facets.Credential] = [SearchDocumentBuilder.CredentialValue(CredentialKind.MicroCredential)],
            [Facets.Language] = ["ENG"],
        });
        Assert.True(credential.Total > 0);
    }

    [Fact]
    public async Task Several_skills_find_the_entries_of_any_and_a_skill_with_another_facet_those_of_both()
    {
        var python = await AssertFilteredAndCountedAsync(new() { [Facets.Skill] = [EdxCorpus.Python] });
        var statistics = await AssertFilteredAndCountedAsync(new() { [Facets.Skill] = [EdxCorpus.Statistics] });
        var either = await AssertFilteredAndCountedAsync(new() { [Facets.Skill] = [EdxCorpus.Python, EdxCorpus.Statistics] });
        // No entry links both (one skill per entry in the corpus): the two sets add up.
        Assert.True(python.Total > 0 && statistics.Total > 0);
        Assert.Equal(python.Total + statistics.Total, either.Total);

        var programming = new Dictionary<string, IReadOnlyList<string>> { [Facets.Skill] = [EdxCorpus.ComputerProgramming, EdxCorpus.ProjectManagement] };
        var all = await AssertFilteredAndCountedAsync(programming);
        var atLevelSix = await AssertFilteredAndCountedAsync(new(programming) { [Facets.Eqf] = ["6"] });
        Assert.InRange(atLevelSix.Total, 1, all.Total - 1);
    }

    [Theory]
    [InlineData(Ranges.Ects, "2..4")]
    [InlineData(Ranges.Hours, "..20")]
    [InlineData(Ranges.Price, "60..")]
    [InlineData(Ranges.Start, "2027-03-01..2027-06-30")]
    public async Task Range_filters_keep_the_entries_within_the_range(string range, string text)
    {
        var (request, errors) = SearchRequestParser.Parse([new(range, text)], new SearchOptions());
        Assert.Empty(errors);
        Func<LearningOpportunity, bool> within = range switch
        {
            Ranges.Ects => e => e.EctsCredits is >= 2 and <= 4,
            Ranges.Hours => e => e.WorkloadHours <= 20,
            Ranges.Price => e => e.Fees.Count > 0 && e.Fees.Min(f => f.Amount) >= 60,
            _ => e => e.StartDate >= new DateOnly(2027, 3, 1) && e.StartDate <= new DateOnly(2027, 6, 30),
        };
        var expected = corpus.Published.Where(within).Select(e => e.Id).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Ids(await corpus.AllHitsAsync(request!)));
    }

    [Fact]
    public async Task Hits_come_in_the_order_asked_for()
    {
        var byStart = await corpus.AllHitsAsync(new SearchRequest { Sort = SearchSort.Start });
        var starts = byStart.Select(h => h.StartDate).ToList();
        // Ascending, entries without a start date last.
        Assert.Equal(starts.OrderBy(d => d ?? DateOnly.MaxValue), starts);

        var byEcts = await corpus.AllHitsAsync(new SearchRequest { Sort = SearchSort.Ects, Descending = true });
        var ects = byEcts.Select(h => h.EctsCredits).ToList();
        Assert.Equal(ects.OrderByDescending(c => c ?? decimal.MinValue), ects);

        var byTitle = await corpus.AllHitsAsync(new SearchRequest { Sort = SearchSort.Title });
        var titles = byTitle.Select(h => SearchDocumentBuilder.SortKey(Entry(h).Title[0].Value)).ToList();
        Assert.Equal(titles.Order(StringComparer.Ordinal), titles);

        // By relevance, every course with both words in its title comes before every course that has them only in its
        // other texts (the title weighs most), and those are many.
        static bool InTitle(string title) => Regex.IsMatch(title, @"(?i)\bdata\b") && Regex.IsMatch(title, @"(?i)\bscience\b");
        var byRelevance = (await corpus.AllHitsAsync(new SearchRequest { Query = "data science", Language = "en" })).Select(h => InTitle(h.Title)).ToList();
        var titled = byRelevance.Count(t => t);
        Assert.InRange(titled, 10, byRelevance.Count / 2);
        Assert.Equal(Enumerable.Repeat(true, titled).Concat(Enumerable.Repeat(false, byRelevance.Count - titled)), byRelevance);
    }

    [Theory]
    [InlineData(SearchSort.Relevance, "learn")]
    [InlineData(SearchSort.Start, null)]
    [InlineData(SearchSort.Title, null)]
    public async Task The_cursor_returns_every_hit_exactly_once(SearchSort sort, string? query)
    {
        var first = await corpus.Search.SearchAsync(new SearchRequest { Query = query, Sort = sort, Size = 37 });
        var seen = new List<Guid>();
        for (var page = first; ; page = await corpus.Search.SearchAsync(new SearchRequest { Query = query, Sort = sort, Size = 37, Cursor = page.NextCursor }))
        {
            seen.AddRange(page.Hits.Select(h => h.Id));
            if (page.NextCursor is null) break;
        }
        Assert.True(first.Total > 100);
        Assert.Equal(first.Total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_quoted_phrase_finds_its_words_side_by_side_only()
    {
        // Side by side in any inflection ("machines learn"), with nothing but spaces or punctuation between.
        const string adjacent = @"\bmachin\w*\W+learn";
        var phrase = Ids(await corpus.AllHitsAsync(new SearchRequest { Query = "\"machine learning\"", Language = "en" }));
        var words = await corpus.AllHitsAsync(new SearchRequest { Query = "machine learning", Language = "en" });
        var apart = words.Select(Entry)
            .Where(e => Regex.IsMatch(AllText(e), @"\bmachin") && Regex.IsMatch(AllText(e), @"\blearn") && !Regex.IsMatch(AllText(e), adjacent))
            .ToList();

        Assert.NotEmpty(phrase);
        Assert.All(phrase, id => Assert.Matches(adjacent, AllText(corpus.Entries.Single(e => e.Id == id))));
        Assert.NotEmpty(apart);
        Assert.DoesNotContain(apart, e => phrase.Contains(e.Id));
    }

    [Theory]
    [InlineData(SearchSort.Relevance, "learn")]
    [InlineData(SearchSort.Title, null)]
    public async Task Page_two_holds_the_hits_that_follow_page_one(SearchSort sort, string? query)
    {
        var request = new SearchRequest { Query = query, Sort = sort, Size = 10 };
        var twenty = (await corpus.Search.SearchAsync(request with { Size = 20 })).Hits.Select(h => h.Id).ToList();
        var first = (await corpus.Search.SearchAsync(request)).Hits.Select(h => h.Id).ToList();
        var second = await corpus.Search.SearchAsync(request with { Page = 2 });

        Assert.Equal(20, twenty.Count);
        Assert.Equal(twenty[..10], first);
        Assert.Equal(twenty[10..], second.Hits.Select(h => h.Id));
        Assert.Equal(2, second.Page);
    }

    [Fact]
    public async Task A_typing_error_still_finds_and_a_query_without_hits_gets_a_correction()
    {
        var fuzzy = await corpus.Search.SearchAsync(new SearchRequest { Query = "managment" });
        Assert.Contains(fuzzy.Hits, h => h.Title.Contains("Management", StringComparison.Ordinal));

        var none = await corpus.Search.SearchAsync(new SearchRequest { Query = "pyton \"machne\"" });
        Assert.Equal(0, none.Total);
        Assert.Equal("python \"machine\"", none.Suggestion);
    }

    [Fact]
    public async Task Hits_mark_the_matched_words_in_their_snippet()
    {
        var result = await corpus.Search.SearchAsync(new SearchRequest { Query = "\"machine learning\"", Language = "en" });
        Assert.NotEmpty(result.Hits);
        // Each snippet marks words of the query, in any of their inflections ("learn" for "learning"), and only those.
        Assert.All(result.Hits, h =>
        {
            var marked = Regex.Matches(h.Snippet!, "<mark>(.*?)</mark>").Select(m => m.Groups[1].Value.ToLowerInvariant()).ToList();
            Assert.NotEmpty(marked);
            Assert.All(marked, word => Assert.Matches("^(machin|learn)", word));
        });
    }

    [Fact]
    public async Task Type_ahead_completes_titles_providers_and_skill_labels()
    {
        var english = await corpus.Search.SuggestAsync("progr", "en");
        Assert.NotEmpty(english.Titles);
        Assert.All(english.Titles, t => Assert.Matches(@"(?i)\bprogr", t));
        Assert.Contains(english.Skills, s => s.Uri == EdxCorpus.ComputerProgramming && s.Label == "computer programming");

        var french = await corpus.Search.SuggestAsync("programmation info", "fr");
        Assert.Contains(french.Skills, s => s.Label == "programmation informatique");

        var providers = await corpus.Search.SuggestAsync("harv", "en");
        Assert.Contains("Harvard University", providers.Providers);
    }
}
