using System.Net;
using System.Text;

namespace LearningCatalogue.Harvesting.Tests;

/// <summary>SQL in literals, property paths, $orderby and tokens: a 400 or the correct (empty) answer, never an SQL error.</summary>
[Collection(HarvestingCollection.Name)]
public sealed class InjectionTests(HarvestingApi api)
{
    [Theory]
    [InlineData("$filter=Key eq 'x'' or 1=1 --'")]
    [InlineData("$filter=contains(Key, ''';DROP TABLE learning_opportunity;--')")]
    [InlineData("$filter=Titles/any(t: t/Value eq ''') OR 1=1 OR (''')")]
    [InlineData("$filter=startswith(Key, '%')")]
    [InlineData("$filter=Key in ('a'' OR ''1''=''1', 'b')")]
    public async Task Literals_are_values_and_match_nothing(string query)
    {
        var result = await api.GetAsync("/odata/LearningOpportunities?" + query);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Empty(result.Entries);
    }

    [Theory]
    [InlineData("$filter=Key; DROP TABLE learning_opportunity eq 'x'")]
    [InlineData("$filter=entry_key eq 'x'")]
    [InlineData("$filter=Titles/any(t: t/value eq 'x')")]
    [InlineData("$orderby=Key desc; DROP TABLE learning_opportunity")]
    [InlineData("$orderby=(SELECT 1)")]
    [InlineData("$orderby=Titles")]
    [InlineData("$select=Id,(1)")]
    [InlineData("$select=status")]
    [InlineData("$expand=LearningOutcomes($filter=1 eq 1) or 1=1")]
    public async Task Paths_and_orderings_outside_the_model_answer_400(string query)
    {
        var result = await api.GetAsync("/odata/LearningOpportunities?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.NotNull(result.Error);
    }

    [Theory]
    [InlineData("{\"Values\":[\"'; DROP TABLE learning_opportunity; --\"],\"LastId\":\"00000000-0000-0000-0000-000000000000\",\"Query\":\"x\"}")]
    [InlineData("{\"Values\":null}")]
    [InlineData("not json")]
    public async Task A_forged_skiptoken_answers_400(string json)
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var result = await api.GetAsync("/odata/LearningOpportunities?$orderby=Key&$skiptoken=" + token);
        var count = await api.GetAsync("/odata/LearningOpportunities/$count");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal((await api.PublishedNowAsync()).Count, count.Count);
    }
}
