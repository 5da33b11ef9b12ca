using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace LearningCatalogue.Search;

public enum SearchSort { Relevance, Start, Ects, Title }

/// <summary>An inclusive range over the index's numeric encoding (see <see cref="Ranges"/>); an open end is null.</summary>
public sealed record RangeFilter(long? Min, long? Max)
{
    public static RangeFilter Decimal(decimal? min, decimal? max) =>
        new(min is { } a ? NumericEncoding.Decimal(a) : null, max is { } b ? NumericEncoding.Decimal(b) : null);

    public static RangeFilter Dates(DateOnly? min, DateOnly? max) =>
        new(min is { } a ? NumericEncoding.Date(a) : null, max is { } b ? NumericEncoding.Date(b) : null);
}

/// <summary>
/// A search: words, the learner's language, facet filters (values of one facet OR, facets AND), ranges, sort and
/// either a page or a cursor (the <see cref="SearchResponse.NextCursor"/> of the page before).
/// </summary>
public sealed record SearchRequest
{
    public const int DefaultSize = 20;

    public string? Query { get; init; }
    /// <summary>BCP 47 tag: the query is analysed in it and the hits' texts are given in it where the entry has them.</summary>
    public string Language { get; init; } = "en";
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public IReadOnlyDictionary<string, RangeFilter> Ranges { get; init; } = new Dictionary<string, RangeFilter>();
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    /// <summary>Descending order; relevance is always best first.</summary>
    public bool Descending { get; init; }
    public int Page { get; init; } = 1;
    public int Size { get; init; } = DefaultSize;
    public string? Cursor { get; init; }
}

/// <summary>Reads a <see cref="SearchRequest"/> from query parameters, naming each bad parameter.</summary>
public static partial class SearchRequestParser
{
    private static readonly string[] Known = ["q", "lang", "sort", "page", "size", "cursor"];

    public static (SearchRequest? Request, Dictionary<string, string[]> Errors) Parse(
        IEnumerable<KeyValuePair<string, StringValues>> parameters, SearchOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        var query = parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        string? Single(string name) => query.TryGetValue(name, out var values) ? values.ToString() : null;

        foreach (var name in query.Keys.Where(k => !Known.Contains(k, StringComparer.OrdinalIgnoreCase)
                                                   && !Facets.All.Contains(k, StringComparer.OrdinalIgnoreCase)
                                                   && !Search.Ranges.All.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            errors[name] = [$"Unknown facet or parameter '{name}'. Facets: {string.Join(", ", Facets.All)}; ranges: {string.Join(", ", Search.Ranges.All)}."];
        }

        var filters = Facets.All
            .Where(query.ContainsKey)
            .ToDictionary(f => f, f => (IReadOnlyList<string>)query[f].OfType<string>().Where(v => v.Length > 0).Distinct().ToList());

        var ranges = new Dictionary<string, RangeFilter>();
        foreach (var name in Search.Ranges.All.Where(query.ContainsKey))
        {
            if (ParseRange(name, query[name].ToString()) is { } range) ranges[name] = range;
            else errors[name] = [name == Search.Ranges.Start
                ? "A range of dates is written from..to in yyyy-MM-dd (2027-01-01..2027-06-30, 2027-01-01.. or ..2027-06-30)."
                : "A range is written min..max with numbers (5..10, 5.. or ..10)."];
        }

        var (sort, descending) = (SearchSort.Relevance, false);
        if (Single("sort") is { } sortText)
        {
            descending = sortText.StartsWith('-');
            if (!Enum.TryParse(sortText.TrimStart('-'), ignoreCase: true, out sort) || !Enum.IsDefined(sort)
                || (descending && sort == SearchSort.Relevance))
            {
                errors["sort"] = ["Sort by relevance, start, ects or title; '-' before start, ects or title sorts descending."];
            }
        }

        var page = ParseInt(Single("page"), 1, "page", errors);
        var size = ParseInt(Single("size"), SearchRequest.DefaultSize, "size", errors);
        if (page < 1) errors["page"] = ["The page number starts at 1."];
        if (size < 1 || size > options.MaxPageSize) errors["size"] = [$"The page size is between 1 and {options.MaxPageSize}."];
        else if ((long)page * size > options.MaxPagingDepth)
        {
            errors["page"] = [$"Pages reach {options.MaxPagingDepth} hits deep; page further with the cursor of the response."];
        }
        var cursor = Single("cursor");
        if (cursor is not null && query.ContainsKey("page")) errors["cursor"] = ["Give a page or a cursor, not both."];
        else if (cursor is not null && SearchCursor.Decode(cursor, sort, descending)?.ToFieldDoc() is null)
        {
            errors["cursor"] = ["This cursor is not one this search with this sort returned."];
        }

        if (errors.Count > 0) return (null, errors);
        return (new SearchRequest
        {
            Query = Single("q"),
            Language = Single("lang") is { Length: > 0 } lang ? lang : "en",
            Filters = filters,
            Ranges = ranges,
            Sort = sort,
            Descending = descending,
            Page = page,
            Size = size,
            Cursor = cursor,
        }, errors);
    }

    private static int ParseInt(string? text, int fallback, string name, Dictionary<string, string[]> errors)
    {
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        errors[name] = [$"'{text}' is not a whole number."];
        return fallback;
    }

    private static RangeFilter? ParseRange(string name, string text)
    {
        var match = RangePattern().Match(text);
        var (min, max) = (match.Groups["min"].Value, match.Groups["max"].Value);
        if (!match.Success || (min.Length == 0 && max.Length == 0)) return null;
        if (name == Search.Ranges.Start)
        {
            TryParser<DateOnly> date = (string s, out DateOnly d) =>
                DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d);
            var (fromOk, from) = Bound(min, date);
            var (toOk, to) = Bound(max, date);
            return fromOk && toOk && !(from > to) ? RangeFilter.Dates(from, to) : null;
        }
        TryParser<decimal> number = (string s, out decimal d) =>
            decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out d);
        var (lowOk, low) = Bound(min, number);
        var (highOk, high) = Bound(max, number);
        return lowOk && highOk && !(low > high) ? RangeFilter.Decimal(low, high) : null;
    }

    private delegate bool TryParser<T>(string text, out T value);

    /// <summary>One end of a range: empty is open (null), else it must parse.</summary>
    private static (bool Ok, T? Value) Bound<T>(string text, TryParser<T> parse) where T : struct =>
        text.Length == 0 ? (true, null) : parse(text, out var value) ? (true, value) : (false, null);

    [GeneratedRegex(@"^(?<min>[^.]*(?:\.\d+)?)\.\.(?<max>.*)$")]
    private static partial Regex RangePattern();
}
