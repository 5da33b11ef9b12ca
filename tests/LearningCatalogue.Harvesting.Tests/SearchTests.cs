using System.Net;

namespace LearningCatalogue.Harvesting.Tests;

/// <summary>$search, read with ODataMessageReader: the entries are those the catalogue's search index finds.</summary>
[Collection(HarvestingCollection.Name)]
public sealed class SearchTests(HarvestingApi api)
{
    private static readonly (string, string) PageOf20 = ("Prefer", "odata.maxpagesize=20");

    private async Task<HashSet<Guid>> SearchedAsync(string search, string more = "")
    {
        var (entries, last) = await api.AllPagesAsync($"/odata/LearningOpportunities?$select=Id&$search={Uri.EscapeDataString(search)}{more}", PageOf20);
        Assert.True(last.Error is null, last.Error?.Message);
        var ids = entries.Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        return [.. ids];
    }

    [Fact]
    public async Task Terms_and_phrases_find_what_the_search_index_finds()
    {
        var published = (await api.PublishedNowAsync()).Count;
        foreach (var (search, typed) in new[] { ("python", "python"), ("\"data science\"", "\"data science\""), ("data analysis", "data analysis") })
        {
            var expected = await api.IndexHitsAsync(typed);
            Assert.InRange(expected.Count, 1, published - 1);

            Assert.Equal(expected.Order(), (await SearchedAsync(search)).Order());
        }
    }

    [Fact]
    public async Task Or_and_not_combine_the_index_hits_of_their_terms()
    {
        var (python, java, data) = (await api.IndexHitsAsync("python"), await api.IndexHitsAsync("java"), await api.IndexHitsAsync("data"));
        var all = (await api.PublishedNowAsync()).Select(e => e.Id).ToHashSet();

        var either = await SearchedAsync("python OR java");
        var dataNotPython = await SearchedAsync("data AND NOT python");
        var notData = await SearchedAsync("NOT data");

        Assert.Equal(python.Union(java).Order(), either.Order());
        Assert.True(either.Count > python.Count && either.Count > java.Count, "python and java should each find entries the other does not.");
        Assert.Equal(data.Except(python).Order(), dataNotPython.Order());
        Assert.True(dataNotPython.Count < data.Count && dataNotPython.Count > 0, "data should find entries with and without python.");
        Assert.Equal(all.Except(data).Order(), notData.Order());
    }

    [Fact]
    public async Task Search_combines_with_filter_orderby_count_and_paging()
    {
        var hits = await api.IndexHitsAsync("data");
        var expected = (await api.PublishedNowAsync()).Where(e => hits.Contains(e.Id) && (e.SelfPaced || e.EqfLevel == 6))
            .OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.Id).Select(e => e.Key).ToList();
        Assert.InRange(expected.Count, 21, hits.Count - 1);

        var (entries, last) = await api.AllPagesAsync(
            "/odata/LearningOpportunities?$select=Id,Key&$search=data&$filter=SelfPaced or EqfLevel eq 6&$orderby=Key&$count=true", PageOf20);
        var count = await api.GetAsync("/odata/LearningOpportunities/$count?$search=data&$filter=SelfPaced or EqfLevel eq 6");

        Assert.Equal(expected, entries.Select(e => (string)e["Key"]!));
        Assert.Equal(expected.Count, last.Count);
        Assert.Equal(expected.Count, count.Count);
    }

    [Fact]
    public async Task Drafts_are_not_found_by_search()
    {
        // The drafts' titles hold this phrase, as do the published samples'.
        var found = await SearchedAsync("\"Alfabetización de datos\"");

        Assert.NotEmpty(found);
        Assert.DoesNotContain(found, id => api.Drafts.Any(d => d.Id == id));
    }

    [Fact]
    public async Task Change_tracking_with_search_answers_400_naming_it()
    {
        var tracked = await api.GetAsync("/odata/LearningOpportunities?$search=data", ("Prefer", "odata.track-changes"));
        var start = await api.GetAsync("/odata/LearningOpportunities?$select=Id&$filter=EqfLevel eq 5", ("Prefer", "odata.track-changes"));
        var delta = await api.GetAsync(start.DeltaLink!.PathAndQuery + "&$search=data");

        Assert.Equal(HttpStatusCode.BadRequest, tracked.Status);
        Assert.Contains("$search", tracked.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, delta.Status);
        Assert.Contains("$search", delta.Error!.Message, StringComparison.Ordinal);
    }
}
