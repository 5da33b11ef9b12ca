using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using System.Web;
using Microsoft.Extensions.DependencyInjection;

namespace LearningCatalogue.Harvesting.Tests;

/// <summary>The tokens of next and delta links open only as the service sealed them.</summary>
[Collection(HarvestingCollection.Name)]
public sealed class TokenTests(HarvestingApi api)
{
    private HarvestTokens Tokens => api.Services.GetRequiredService<HarvestTokens>();

    /// <summary>A token as it was before tokens were sealed: base64url JSON, which anyone can write.</summary>
    private static string Unsealed<T>(T token) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(token));

    /// <summary>The token with one character in its middle changed.</summary>
    private static string Tampered(string token)
    {
        var middle = token.Length / 2;
        return string.Concat(token.AsSpan(0, middle), token[middle] == 'A' ? "B" : "A", token.AsSpan(middle + 1));
    }

    private static string TokenOf(Uri link, string option) => HttpUtility.ParseQueryString(link.Query)[option]!;

    [Theory]
    [InlineData("$orderby=Key", "odata.maxpagesize=20", "$skiptoken")]
    [InlineData("$filter=EqfLevel eq 5", "odata.track-changes", "$deltatoken")]
    public async Task A_tampered_token_answers_400_naming_it(string query, string prefer, string option)
    {
        var url = "/odata/LearningOpportunities?$select=Id&" + query;
        var issued = await api.GetAsync(url, ("Prefer", prefer));
        var token = TokenOf((option == "$skiptoken" ? issued.NextLink : issued.DeltaLink)!, option);

        var followed = await api.GetAsync($"{url}&{option}={token}");
        var tampered = await api.GetAsync($"{url}&{option}={Tampered(token)}");

        Assert.Equal(HttpStatusCode.OK, followed.Status);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.Status);
        Assert.Contains(option, tampered.Error!.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The token as anyone could write it answers 400 naming the option; the same token sealed by the service opens
    /// (its values are only ever parameters): only the seal is missing from the forged one.
    /// </summary>
    private async Task AssertOnlyTheSealedOneOpensAsync(string url, string option, string unsealed, string sealedByTheService)
    {
        var forged = await api.GetAsync($"{url}&{option}={unsealed}");
        var issued = await api.GetAsync($"{url}&{option}={sealedByTheService}");

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains(option, forged.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, issued.Status);
    }

    [Fact]
    public Task A_skiptoken_with_the_right_fingerprint_and_malicious_values_can_no_longer_be_forged()
    {
        var forged = new PageToken(["'; DROP TABLE learning_opportunity; --"], Guid.Empty, PageToken.Fingerprint(null, "Key", null), null);

        return AssertOnlyTheSealedOneOpensAsync("/odata/LearningOpportunities?$select=Id&$orderby=Key", "$skiptoken", Unsealed(forged), Tokens.Seal(forged));
    }

    [Fact]
    public Task A_deltatoken_with_a_forged_recent_time_answers_400_instead_of_skipping_the_410()
    {
        // A harvester whose delta link has expired writes one that claims to be from now, from the start of the log.
        var forged = new DeltaToken(0, DateTimeOffset.UtcNow, 0, DeltaToken.FilterOf(null));

        return AssertOnlyTheSealedOneOpensAsync("/odata/LearningOpportunities?$select=Id", "$deltatoken", Unsealed(forged), Tokens.Seal(forged));
    }

    [Fact]
    public async Task A_skiptoken_of_the_concepts_does_not_open_as_one_of_the_entries()
    {
        var concepts = await api.GetAsync("/odata/Concepts", ("Prefer", "odata.maxpagesize=5"));
        var token = TokenOf(concepts.NextLink!, "$skiptoken");

        var entries = await api.GetAsync($"/odata/LearningOpportunities?$select=Id&$skiptoken={token}");

        Assert.Equal(HttpStatusCode.BadRequest, entries.Status);
        Assert.Contains("$skiptoken", entries.Error!.Message, StringComparison.Ordinal);
    }
}
