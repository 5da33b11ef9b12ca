using System.Buffers.Text;
using System.Text.Json;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace LearningCatalogue.Search;

/// <summary>
/// Where a page of hits ended: the sort values of its last hit (the unique id last), so the next page starts after it
/// whatever changed meanwhile, at the same cost at any depth. Opaque to clients: base64url of JSON.
/// </summary>
internal sealed record SearchCursor(SearchSort Sort, bool Descending, int Served, IReadOnlyList<JsonElement> Values)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, StoredEntry.Json));

    /// <summary>The cursor a client sent; null when it is not one of ours or belongs to another sort.</summary>
    public static SearchCursor? Decode(string text, SearchSort sort, bool descending)
    {
        try
        {
            var cursor = JsonSerializer.Deserialize<SearchCursor>(Base64Url.DecodeFromChars(text), StoredEntry.Json);
            return cursor is not null && cursor.Sort == sort && cursor.Descending == descending && cursor.Values.Count == SortValueCount
                ? cursor : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    public static SearchCursor After(FieldDoc last, SearchSort sort, bool descending, int served) =>
        new(sort, descending, served, last.Fields.Select(ToJson).ToList());

    /// <summary>The last hit of the page before, as searchAfter takes it; null when a value does not fit the sort.</summary>
    public FieldDoc? ToFieldDoc()
    {
        try
        {
            object key = Sort switch
            {
                SearchSort.Relevance => J2N.Numerics.Single.GetInstance(Values[0].GetSingle()),
                SearchSort.Title => new BytesRef(Values[0].GetString()!),
                _ => J2N.Numerics.Int64.GetInstance(Values[0].GetInt64()),
            };
            return new FieldDoc(int.MaxValue, float.NaN, [key, new BytesRef(Values[1].GetString()!)]);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    // Every sort orders by one key (score, number or title), then by the unique id.
    private const int SortValueCount = 2;

    private static JsonElement ToJson(object value) => value switch
    {
        BytesRef bytes => JsonSerializer.SerializeToElement(bytes.Utf8ToString()),
        J2N.Numerics.Single score => JsonSerializer.SerializeToElement(score.ToSingle()),
        J2N.Numerics.Int64 number => JsonSerializer.SerializeToElement(number.ToInt64()),
        _ => throw new InvalidOperationException($"A sort value of type {value.GetType()} has no cursor form."),
    };
}
