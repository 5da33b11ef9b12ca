using System.Text.Json;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Search;

/// <summary>Answers searches and type-ahead from the serving generation of the <see cref="CatalogueIndex"/>.</summary>
public sealed class CatalogueSearch(CatalogueIndex index, IOptions<SearchOptions> options)
{
    /// <summary>Completions listed per kind.</summary>
    public const int SuggestionsPerKind = 5;
    // Documents read for completions: enough to rank the frequent ones, few enough to answer while the learner types.
    private const int SuggestionDocuments = 100;

    private static readonly SortField ById = new(SearchFields.Id, SortFieldType.STRING);

    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        FieldDoc? after = null;
        var served = (request.Page - 1) * request.Size;
        if (request.Cursor is { } text)
        {
            var cursor = SearchCursor.Decode(text, request.Sort, request.Descending);
            after = cursor?.ToFieldDoc() ?? throw new ArgumentException("The cursor is not one of a search with this sort.", nameof(request));
            served = cursor.Served;
        }

        using var lease = await index.AcquireAsync(cancellationToken);
        var searcher = lease.Searcher;
        var query = SearchQueryBuilder.Build(request.Query, request.Language, index.Analyzers) ?? new MatchAllDocsQuery();
        var facetFilters = request.Filters.Where(f => f.Value.Count > 0).ToDictionary(f => f.Key, f => FacetQuery(f.Key, f.Value));
        var rangeFilters = request.Ranges.Select(r => RangeQuery(r.Key, r.Value)).ToList();
        var filter = Filter(facetFilters.Values.Concat(rangeFilters));
        var sort = Sort(request.Sort, request.Descending);

        var top = after is null
            ? searcher.Search(query, filter, request.Page * request.Size, sort, doDocScores: true, doMaxScore: false)
            : searcher.SearchAfter(after, query, filter, request.Size, sort, doDocScores: true, doMaxScore: false);
        var page = top.ScoreDocs.Skip(after is null ? served : 0).Cast<FieldDoc>().ToList();

        var terms = new HashSet<Term>();
        searcher.Rewrite(query).ExtractTerms(terms);
        var highlighter = new Highlighter(index.Analyzers, terms);
        var hits = page.Select(hit => ToHit(Stored(searcher, hit.Doc), hit.Score, request.Language, highlighter)).ToList();

        var nextCursor = page.Count == request.Size && served + page.Count < top.TotalHits
            ? SearchCursor.After(page[^1], request.Sort, request.Descending, served + page.Count).Encode()
            : null;
        var suggestion = top.TotalHits == 0 && request.Query is { } typed
            ? Correction(searcher, typed, request.Language, filter)
            : null;
        return new SearchResponse(top.TotalHits, request.Page, request.Size, hits, CountFacets(searcher, query, filter, request, facetFilters, rangeFilters),
            nextCursor, suggestion);
    }

    /// <summary>
    /// The ids of every indexed (so published) entry the expression matches, unranked: for a caller that filters, sorts
    /// and pages the entries itself. Terms are analysed in <paramref name="language"/> as the learner search does.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> MatchingIdsAsync(SearchExpression expression, string language, CancellationToken cancellationToken = default)
    {
        using var lease = await index.AcquireAsync(cancellationToken);
        var collector = new IdCollector();
        lease.Searcher.Search(SearchExpressionQuery.Build(expression, language, index.Analyzers), collector);
        return collector.Ids;
    }

    /// <summary>Titles, providers and ESCO skill labels (of linked skills) whose words start with the words of the prefix.</summary>
    public async Task<Suggestions> SuggestAsync(string prefix, string language, CancellationToken cancellationToken = default)
    {
        var words = SearchAnalyzers.Analyze(index.Analyzers.SuggestQuery, prefix)
            .Select(t => t.Term.Length > SearchAnalyzers.MaxSuggestGram ? t.Term[..SearchAnalyzers.MaxSuggestGram] : t.Term).ToList();
        if (words.Count == 0) return new Suggestions([], [], []);
        using var lease = await index.AcquireAsync(cancellationToken);
        var searcher = lease.Searcher;
        var titles = Complete<string>(searcher, SearchFields.SuggestTitle, words,
            e => LocalizedTexts.Pick(e.Titles, language) is { } title ? [title.Value] : [], t => t);
        var providers = Complete<string>(searcher, SearchFields.SuggestProvider, words, e => e.Providers, p => p);
        var skills = Complete(searcher, SearchFields.SuggestSkill, words,
            e => e.Skills.Select(s => new HitSkill(s.Uri, LocalizedTexts.Pick(s.Labels, language)?.Value)), s => s.Label ?? "");
        return new Suggestions(titles, providers, skills);
    }

    private List<T> Complete<T>(IndexSearcher searcher, string field, IReadOnlyList<string> words,
        Func<StoredCompletions, IEnumerable<T>> candidates, Func<T, string> text)
    {
        var query = new BooleanQuery();
        foreach (var word in words) query.Add(new TermQuery(new Term(field, word)), Occur.MUST);
        return searcher.Search(query, SuggestionDocuments).ScoreDocs
            .SelectMany(hit => candidates(Completions(searcher, hit.Doc)))
            .Where(c => StartsWithWords(text(c), words))
            .GroupBy(text)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(SuggestionsPerKind)
            .Select(g => g.First())
            .ToList();
    }

    /// <summary>Every word typed begins a word of the text: the document may have matched through another of its texts.</summary>
    private bool StartsWithWords(string text, IReadOnlyList<string> words)
    {
        var own = SearchAnalyzers.Analyze(index.Analyzers.SuggestQuery, text).Select(t => t.Term).ToList();
        return words.All(w => own.Any(o => o.StartsWith(w, StringComparison.Ordinal)));
    }

    /// <summary>A corrected query, when the correction finds something under the same filters.</summary>
    private string? Correction(IndexSearcher searcher, string typed, string language, Filter? filter)
    {
        if (SpellingCorrector.Correct(searcher.IndexReader, typed, index.Analyzers) is not { } corrected) return null;
        var query = SearchQueryBuilder.Build(corrected, language, index.Analyzers);
        return query is not null && searcher.Search(query, filter, 1).TotalHits > 0 ? corrected : null;
    }

    /// <summary>
    /// Each facet counts over the hits of the query and every filter but its own, so a learner sees what choosing
    /// another value would find. Facets without a filter share one pass (under every filter, <paramref name="filter"/>);
    /// a filtered facet takes a pass of its own.
    /// </summary>
    private Dictionary<string, IReadOnlyList<FacetCount>> CountFacets(IndexSearcher searcher, Query query, Filter? filter, SearchRequest request,
        Dictionary<string, Query> facetFilters, List<Query> rangeFilters)
    {
        var unfiltered = new FacetCollector(Facets.All.Where(f => !facetFilters.ContainsKey(f)).ToList());
        searcher.Search(query, filter, unfiltered);
        var counts = unfiltered.Counts.ToDictionary();
        foreach (var facet in facetFilters.Keys)
        {
            var own = new FacetCollector([facet]);
            searcher.Search(query, Filter(facetFilters.Where(f => f.Key != facet).Select(f => f.Value).Concat(rangeFilters)), own);
            counts[facet] = own.Counts[facet];
        }

        var limit = options.Value.FacetValueLimit;
        return Facets.All.ToDictionary(facet => facet, facet =>
        {
            var values = counts[facet];
            var chosen = request.Filters.GetValueOrDefault(facet) ?? [];
            var top = values.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Take(limit).Select(v => v.Key);
            // The values filtered on are listed even when they count little (or nothing), so the learner can unselect them.
            return (IReadOnlyList<FacetCount>)top.Union(chosen).Select(v => new FacetCount(v, values.GetValueOrDefault(v))).ToList();
        });
    }

    private static Query FacetQuery(string facet, IReadOnlyList<string> values)
    {
        var any = new BooleanQuery();
        foreach (var value in values) any.Add(new TermQuery(new Term(SearchFields.Facet(facet), value)), Occur.SHOULD);
        return any;
    }

    private static Query RangeQuery(string range, RangeFilter filter) =>
        NumericRangeQuery.NewInt64Range(range, filter.Min, filter.Max, minInclusive: true, maxInclusive: true);

    /// <summary>All the filters at once, as a filter that does not score; null when there is none.</summary>
    private static Filter? Filter(IEnumerable<Query> clauses)
    {
        var all = new BooleanQuery();
        foreach (var clause in clauses) all.Add(clause, Occur.MUST);
        return all.Clauses.Count == 0 ? null : new QueryWrapperFilter(all);
    }

    /// <summary>The order asked for, then the unique id, so that equal keys still have one order and a cursor one place.</summary>
    private static Sort Sort(SearchSort sort, bool descending) => sort switch
    {
        SearchSort.Relevance => new Sort(SortField.FIELD_SCORE, ById),
        SearchSort.Title => new Sort(new SortField(SearchFields.TitleSort, SortFieldType.STRING, descending), ById),
        _ => new Sort(NumberSort(sort == SearchSort.Start ? Ranges.Start : Ranges.Ects, descending), ById),
    };

    private static SortField NumberSort(string range, bool descending)
    {
        var field = new SortField(range, SortFieldType.INT64, descending);
        // Entries without the value come last in both directions.
        field.SetMissingValue(descending ? long.MinValue : long.MaxValue);
        return field;
    }

    private static StoredEntry Stored(IndexSearcher searcher, int doc) =>
        JsonSerializer.Deserialize<StoredEntry>(searcher.Doc(doc).Get(SearchFields.Stored), StoredEntry.Json)!;

    private static readonly ISet<string> CompletionsOnly = new HashSet<string> { SearchFields.StoredCompletions };

    private static StoredCompletions Completions(IndexSearcher searcher, int doc) =>
        JsonSerializer.Deserialize<StoredCompletions>(searcher.Doc(doc, CompletionsOnly).Get(SearchFields.StoredCompletions), StoredEntry.Json)!;

    private static SearchHit ToHit(StoredEntry entry, float score, string language, Highlighter highlighter)
    {
        string? Pick(IReadOnlyList<Catalogue.Model.LocalizedText> texts) => LocalizedTexts.Pick(texts, language)?.Value;
        var skills = entry.Skills.ToDictionary(s => s.Uri, s => new HitSkill(s.Uri, Pick(s.Labels)));
        var outcomes = entry.Outcomes
            .Select(o => new HitOutcome(Pick(o.Text) ?? "", o.SkillUris.Select(u => skills[u]).ToList()))
            .ToList();
        var candidates = new[] { entry.Description, entry.Summary }.Concat(entry.Outcomes.Select(o => o.Text))
            .Select(texts => LocalizedTexts.Pick(texts, language)).OfType<Catalogue.Model.LocalizedText>().ToList();
        return new SearchHit(
            entry.Id, entry.Key, Pick(entry.Title) ?? entry.Key, Pick(entry.Summary), highlighter.Snippet(candidates), outcomes,
            entry.Providers, entry.StartDate, entry.EctsCredits, entry.WorkloadHours, entry.Price, entry.Homepage,
            float.IsNaN(score) ? null : score);
    }
}
