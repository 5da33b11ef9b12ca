using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.OData.Edm;

namespace LearningCatalogue.Harvesting;

/// <summary>
/// The opaque $skiptoken of a next page: the sort-key values and id of the last entry served (a keyset position, not an
/// offset, so inserts and deletes between pages never shift it), a fingerprint of the query it belongs to, and the
/// point of the change log a change-tracking harvest started from. Sealed by <see cref="HarvestTokens"/>.
/// </summary>
internal sealed record PageToken(IReadOnlyList<string?> Values, Guid LastId, string Query, DeltaToken? Delta)
{
    /// <summary>A fingerprint of the query texts a token depends on (of a page token: $filter, $orderby and $search).</summary>
    public static string Fingerprint(params string?[] texts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", texts))))[..16];

    /// <summary>A sort-key value as the database hands it back, in an invariant text of its EDM type.</summary>
    public static string? Text(object? raw, IEdmTypeReference type) => raw switch
    {
        null or DBNull => null,
        _ => type.PrimitiveKind() switch
        {
            EdmPrimitiveTypeKind.Date => raw switch
            {
                DateTime dateTime => DateOnly.FromDateTime(dateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => Convert.ToString(raw, CultureInfo.InvariantCulture),
            },
            EdmPrimitiveTypeKind.DateTimeOffset => raw switch
            {
                DateTimeOffset timestamp => timestamp.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)).ToString("O", CultureInfo.InvariantCulture),
                _ => DateTimeOffset.Parse(Convert.ToString(raw, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            },
            EdmPrimitiveTypeKind.Boolean => Convert.ToBoolean(raw, CultureInfo.InvariantCulture) ? "true" : "false",
            _ => Convert.ToString(raw, CultureInfo.InvariantCulture),
        },
    };

    /// <summary>A value of <see cref="Text"/> as the parameter it is compared with.</summary>
    public static object Parse(string text, IEdmTypeReference type)
    {
        try
        {
            return type.PrimitiveKind() switch
            {
                EdmPrimitiveTypeKind.String => text,
                EdmPrimitiveTypeKind.Date => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                EdmPrimitiveTypeKind.DateTimeOffset => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUniversalTime(),
                EdmPrimitiveTypeKind.Boolean => bool.Parse(text),
                EdmPrimitiveTypeKind.Int16 or EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 or EdmPrimitiveTypeKind.Byte => long.Parse(text, CultureInfo.InvariantCulture),
                EdmPrimitiveTypeKind.Decimal => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
                EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single => double.Parse(text, CultureInfo.InvariantCulture),
                EdmPrimitiveTypeKind.Guid => Guid.Parse(text),
                _ => throw HarvestQueryException.NotSupported($"Paging ordered by a value of type {type.FullName()}"),
            };
        }
        catch (FormatException)
        {
            throw HarvestQueryException.BadRequest("The $skiptoken is not valid.");
        }
    }
}

/// <summary>The opaque $skiptoken of a next page of concepts: the key of the last concept served and a fingerprint of the $filter.</summary>
internal sealed record ConceptToken(string Scheme, string Code, string Query);

/// <summary>
/// The opaque $deltatoken of a delta link: the point of the change log already reported (<see cref="Seq"/>), when the
/// harvester was there (a token older than the retention of the change log answers 410 Gone), the point the round
/// of changes started from (<see cref="From"/>; later pages of a round move <see cref="Seq"/> only) and a fingerprint
/// of the $filter it was issued for (its changes are those of that selection).
/// </summary>
internal sealed record DeltaToken(long Seq, DateTimeOffset IssuedAt, long From, string Filter)
{
    /// <summary>The fingerprint of the $filter text a delta token belongs to.</summary>
    public static string FilterOf(string? filter) => PageToken.Fingerprint(filter);
}

/// <summary>
/// Seals the tokens of next and delta links with ASP.NET Core Data Protection (authenticated encryption, keys in the
/// data folder so that links survive restarts) and opens only what it sealed: a harvester hands back a token as the
/// service issued it or gets 400. Unsealed, a forged delta token with a recent IssuedAt would skip the 410 and silently
/// lose the removals pruned since, and a forged page token would choose the keyset position.
/// </summary>
internal sealed class HarvestTokens(IDataProtectionProvider provider)
{
    // One purpose per kind of token, so that a token of one kind never opens as another.
    private readonly IDataProtector _pages = provider.CreateProtector("LearningCatalogue.Harvesting.PageToken");
    private readonly IDataProtector _concepts = provider.CreateProtector("LearningCatalogue.Harvesting.ConceptToken");
    private readonly IDataProtector _deltas = provider.CreateProtector("LearningCatalogue.Harvesting.DeltaToken");

    public string Seal(PageToken token) => Seal(_pages, token);

    public string Seal(ConceptToken token) => Seal(_concepts, token);

    public string Seal(DeltaToken token) => Seal(_deltas, token);

    /// <summary>The page token of a $skiptoken issued for the query of this <paramref name="fingerprint"/>.</summary>
    public PageToken Page(string text, string fingerprint)
    {
        var token = Open<PageToken>(_pages, text, "$skiptoken");
        if (token.Query != fingerprint) throw HarvestQueryException.BadRequest("The $skiptoken does not belong to this query.");
        return token;
    }

    /// <summary>The concept token of a $skiptoken issued for the $filter of this <paramref name="fingerprint"/>.</summary>
    public ConceptToken Concept(string text, string fingerprint)
    {
        var token = Open<ConceptToken>(_concepts, text, "$skiptoken");
        if (token.Query != fingerprint) throw HarvestQueryException.BadRequest("The $skiptoken does not belong to this query.");
        return token;
    }

    /// <summary>The delta token of a $deltatoken issued for the $filter of this <paramref name="filter"/> fingerprint.</summary>
    public DeltaToken Delta(string text, string filter)
    {
        var token = Open<DeltaToken>(_deltas, text, "$deltatoken");
        if (token.Filter != filter) throw HarvestQueryException.BadRequest("The $deltatoken belongs to another $filter; follow the delta link as it is.");
        return token;
    }

    private static string Seal<T>(IDataProtector protector, T token) =>
        Base64Url.EncodeToString(protector.Protect(JsonSerializer.SerializeToUtf8Bytes(token)));

    private static T Open<T>(IDataProtector protector, string text, string option)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(protector.Unprotect(Base64Url.DecodeFromChars(text))) ?? throw new JsonException();
        }
        catch (Exception exception) when (exception is FormatException or JsonException or CryptographicException)
        {
            throw HarvestQueryException.BadRequest($"The {option} is not valid: follow @odata.nextLink or @odata.deltaLink as the service gave it.");
        }
    }
}
