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

    [Fact]
    public async Task A_tampered_skiptoken_answers_400_naming_it()
    {
        var first = await api.GetAsync("/odata/LearningOpportunities?$select=Id&$orderby=Key", ("Prefer", "odata.maxpagesize=20"));
        var token = TokenOf(first.NextLink!, "$skiptoken");

        var followed = await api.GetAsync($"/odata/LearningOpportunities?$select=Id&$orderby=Key&$skiptoken={token}");
        var tampered = await api.GetAsync($"/odata/LearningOpportunities?$select=Id&$orderby=Key&$skiptoken={Tampered(token)}");

        Assert.Equal(HttpStatusCode.OK, followed.Status);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.Status);
        Assert.Contains("$skiptoken", tampered.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_deltatoken_answers_400_naming_it()
    {
        var tracked = await api.GetAsync("/odata/LearningOpportunities?$select=Id&$filter=EqfLevel eq 5", ("Prefer", "odata.track-changes"));
        var token = TokenOf(tracked.DeltaLink!, "$deltatoken");

        var followed = await api.GetAsync($"/odata/LearningOpportunities?$select=Id&$filter=EqfLevel eq 5&$deltatoken={token}");
        var tampered = await api.GetAsync($"/odata/LearningOpportunities?$select=Id&$filter=EqfLevel eq 5&$deltatoken={Tampered(token)}");

        Assert.Equal(HttpStatusCode.OK, followed.Status);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.Status);
        Assert.Contains("$deltatoken", tampered.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_skiptoken_with_the_right_fingerprint_and_malicious_values_can_no_longer_be_forged()
    {
        var forged = new PageToken(["'; DROP TABLE learning_opportunity; --"], Guid.Empty, PageToken.Fingerprint(null, "Key", null), null);

        var unsealed = await api.GetAsync($"/odata/LearningOpportunities?$select=Id&$orderby=Key&$skiptoken={Unsealed(forged)}");
        // The same position sealed by the service is accepted (its values are only ever parameters): only the seal is missing above.
        var sealedByTheService = await api.GetAsync($"/odata/LearningOpportunities?$select=Id&$orderby=Key&$skiptoken={Tokens.Seal(forged)}");

        Assert.Equal(HttpStatusCode.BadRequest, unsealed.Status);
        Assert.Contains("$skiptoken", unsealed.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sealedByTheService.Status);
    }

    [Fact]
    public async Task A_deltatoken_with_a_forged_recent_time_answers_400_instead_of_skipping_the_410()
    {
        // A harvester whose delta link has expired writes one that claims to be from now, from the start of the log.
        var forged = new DeltaToken(0, DateTimeOffset.UtcNow, 0, DeltaToken.FilterOf(null));

        var unsealed = await api.GetAsync($"/odata/LearningOpportunities?$select=Id&$deltatoken={Unsealed(forged)}");
        var sealedByTheService = await api.GetAsync($"/odata/LearningOpportunities?$select=Id&$deltatoken={Tokens.Seal(forged)}");

        Assert.Equal(HttpStatusCode.BadRequest, unsealed.Status);
        Assert.Contains("$deltatoken", unsealed.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sealedByTheService.Status);
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
