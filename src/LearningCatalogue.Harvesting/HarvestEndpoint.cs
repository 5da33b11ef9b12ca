using LearningCatalogue.Catalogue.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace LearningCatalogue.Harvesting;

/// <summary>
/// Answers GET requests under /odata: the entity set (paged, optionally tracking changes), a delta link, /$count and
/// one entity by key; and the same, without change tracking, for the concepts of the controlled vocabularies. Parses
/// the URL with Microsoft.OData.Core against the model, so that anything the model does not declare is refused before
/// any SQL is built.
/// </summary>
internal sealed class HarvestEndpoint(
    HarvestModel model, HarvestService service, HarvestSearch search, ODataResponses responses, HarvestTokens tokens, IOptions<HarvestingOptions> options,
    TimeProvider clock)
{
    private const string TrackChanges = "odata.track-changes";
    private const string MaxPageSize = "odata.maxpagesize";

    private HarvestingOptions Options => options.Value;

    public async Task HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        try
        {
            var request = http.Request;
            var serviceRoot = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/odata/");
            var parser = new ODataUriParser(model.Model, serviceRoot, new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}"))
            {
                Resolver = new StringAsEnumResolver(),
            };
            parser.Settings.MaximumExpansionDepth = Options.MaxExpansionDepth;
            var uri = parser.ParseUri();
            Refuse(uri);
            switch (uri.Path.ToList())
            {
                case [EntitySetSegment set, ..] when set.EntitySet == model.ConceptSet:
                    await ConceptsAsync(http, uri, cancellationToken);
                    break;
                case [EntitySetSegment] when uri.DeltaToken is not null:
                    await DeltaAsync(http, uri, cancellationToken);
                    break;
                case [EntitySetSegment]:
                    await EntriesAsync(http, uri, cancellationToken);
                    break;
                case [EntitySetSegment, CountSegment]:
                    await CountAsync(http, await service.CountAsync(await search.SelectAsync(uri, cancellationToken), cancellationToken), cancellationToken);
                    break;
                case [EntitySetSegment, KeySegment key]:
                    await EntryAsync(http, uri, (Guid)key.Keys.Single().Value, cancellationToken);
                    break;
                default:
                    throw HarvestQueryException.NotSupported($"The resource path {request.Path} (use $expand for contained entities)");
            }
        }
        catch (HarvestQueryException exception)
        {
            await ODataResponses.ErrorAsync(http, exception.Status, exception.Code, exception.Message);
        }
        catch (ODataUnrecognizedPathException exception)
        {
            await ODataResponses.ErrorAsync(http, StatusCodes.Status404NotFound, "NotFound", exception.Message);
        }
        catch (ODataException exception)
        {
            await ODataResponses.ErrorAsync(http, StatusCodes.Status400BadRequest, "BadRequest", exception.Message);
        }
    }

    /// <summary>Query options the service does not (yet) answer, refused by name.</summary>
    private void Refuse(ODataUri uri)
    {
        if (uri.Apply is not null) throw HarvestQueryException.NotSupported("$apply");
        if (uri.Compute is not null) throw HarvestQueryException.NotSupported("$compute");
        if (uri.Index is not null) throw HarvestQueryException.NotSupported("$index");
        if (uri.Top > Options.MaxTop) throw HarvestQueryException.Limit($"$top is at most {Options.MaxTop}; follow @odata.nextLink for more.");
        if (uri.SkipToken is not null && uri.Skip is not null) throw HarvestQueryException.BadRequest("$skip does not combine with $skiptoken; follow @odata.nextLink as it is.");
    }

    private async Task EntriesAsync(HttpContext http, ODataUri uri, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var fingerprint = PageToken.Fingerprint(query["$filter"], query["$orderby"], query["$search"]);
        var after = uri.SkipToken is { } skipToken ? tokens.Page(skipToken, fingerprint) : null;
        var preferences = Preferences(http.Request);
        var delta = after?.Delta;
        if (delta is null && preferences.Contains(TrackChanges))
        {
            // A delta reports what changed in the database; which changed entries a search matches would need the
            // index as it was at the harvest.
            if (uri.Search is not null) throw HarvestQueryException.NotSupported("Change tracking with $search");
            if (uri.Top is not null || uri.Skip is not null || Expansion.Items(uri.SelectAndExpand).Any())
            {
                throw HarvestQueryException.NotSupported("Change tracking with $top, $skip or $expand");
            }
            var last = await service.LastChangeAsync(cancellationToken);
            delta = new DeltaToken(last, clock.GetUtcNow(), last, DeltaToken.FilterOf(query["$filter"]));
        }
        var selection = await search.SelectAsync(uri, cancellationToken);
        var page = await service.PageAsync(selection, uri.OrderBy, after, (int)(uri.Skip ?? 0), Take(http, uri, preferences), fingerprint, delta, cancellationToken);
        var count = uri.QueryCount == true ? await service.CountAsync(selection, cancellationToken) : (long?)null;
        var nextLink = NextLink(http, uri, page.Next is { } next ? tokens.Seal(next) : null, page.Entries.Count);
        Uri? deltaLink = null;
        if (delta is not null)
        {
            Applied(http, TrackChanges);
            if (nextLink is null) deltaLink = Link(http, ["$skiptoken", "$count", "$orderby"], [("$deltatoken", tokens.Seal(delta))]);
        }
        var expansion = await ExpandAsync(uri.SelectAndExpand, page.Entries, cancellationToken);
        await responses.EntriesAsync(http, uri, page.Entries, expansion, count, nextLink, deltaLink);
    }

    /// <summary>The concepts: a page of them (keyset-paged in the order of scheme then code), their count, or one by key.</summary>
    private async Task ConceptsAsync(HttpContext http, ODataUri uri, CancellationToken cancellationToken)
    {
        if (uri.OrderBy is not null) throw HarvestQueryException.NotSupported($"$orderby on {HarvestModel.ConceptSetName} (they come by scheme, then code)");
        if (uri.Search is not null) throw HarvestQueryException.NotSupported($"$search on {HarvestModel.ConceptSetName}");
        if (uri.DeltaToken is not null) throw HarvestQueryException.NotSupported($"A delta link of {HarvestModel.ConceptSetName}");
        switch (uri.Path.ToList())
        {
            case [EntitySetSegment]:
                var fingerprint = PageToken.Fingerprint((string?)http.Request.Query["$filter"]);
                var after = uri.SkipToken is { } skipToken ? tokens.Concept(skipToken, fingerprint) : null;
                var (concepts, more) = await service.ConceptsAsync(uri.Filter, after, (int)(uri.Skip ?? 0), Take(http, uri, Preferences(http.Request)), cancellationToken);
                var count = uri.QueryCount == true ? await service.ConceptCountAsync(uri.Filter, cancellationToken) : (long?)null;
                var next = more ? tokens.Seal(new ConceptToken(concepts[^1].Scheme, concepts[^1].Code, fingerprint)) : null;
                await responses.ConceptsAsync(http, uri, concepts, count, NextLink(http, uri, next, concepts.Count));
                break;
            case [EntitySetSegment, CountSegment]:
                await CountAsync(http, await service.ConceptCountAsync(uri.Filter, cancellationToken), cancellationToken);
                break;
            case [EntitySetSegment, KeySegment key]:
                var keys = key.Keys.ToDictionary(k => k.Key, k => (string)k.Value, StringComparer.Ordinal);
                var concept = await service.FindConceptAsync(keys["Scheme"], keys["Code"], cancellationToken)
                    ?? throw new HarvestQueryException(StatusCodes.Status404NotFound, "NotFound", $"There is no concept '{keys["Code"]}' in the scheme '{keys["Scheme"]}'.");
                await responses.ConceptAsync(http, uri, concept);
                break;
            default:
                throw HarvestQueryException.NotSupported($"The resource path {http.Request.Path}");
        }
    }

    private static async Task CountAsync(HttpContext http, long count, CancellationToken cancellationToken)
    {
        http.Response.ContentType = "text/plain";
        await http.Response.WriteAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
    }

    /// <summary>How many to serve: the page size, or fewer when $top asks for fewer.</summary>
    private int Take(HttpContext http, ODataUri uri, HashSet<string> preferences) => (int)Math.Min(PageSize(http, preferences), uri.Top ?? long.MaxValue);

    /// <summary>The link to the page after one of <paramref name="served"/> items: none without a token, or when $top is served.</summary>
    private static Uri? NextLink(HttpContext http, ODataUri uri, string? token, int served)
    {
        var remaining = uri.Top - served;
        if (token is null || remaining <= 0) return null;
        return Link(http, ["$skip", "$skiptoken", "$top"],
            [("$skiptoken", token), .. remaining is { } top ? [("$top", top.ToString(System.Globalization.CultureInfo.InvariantCulture))] : Array.Empty<(string, string)>()]);
    }

    private async Task DeltaAsync(HttpContext http, ODataUri uri, CancellationToken cancellationToken)
    {
        var token = tokens.Delta(uri.DeltaToken, DeltaToken.FilterOf(http.Request.Query["$filter"]));
        var now = clock.GetUtcNow();
        if (token.IssuedAt < now - Options.ChangeRetention)
        {
            throw new HarvestQueryException(StatusCodes.Status410Gone, "DeltaLinkExpired",
                $"The delta link is older than the {Options.ChangeRetention.TotalDays:0.##} days the catalogue keeps its change records; harvest again from the start.");
        }
        if (uri.OrderBy is not null || uri.Top is not null || uri.Skip is not null || uri.SkipToken is not null || uri.QueryCount is not null
            || uri.Search is not null || Expansion.Items(uri.SelectAndExpand).Any())
        {
            throw HarvestQueryException.NotSupported("A delta link with $orderby, $top, $skip, $skiptoken, $count, $search or $expand");
        }
        var page = await service.ChangesAsync(token, uri.Filter, PageSize(http, Preferences(http.Request)), cancellationToken);
        // A next page continues from this page's point within the same round, with the original time (its changes may be
        // older than now); the final delta link starts a new round from its point and now.
        var next = page.More ? Link(http, ["$deltatoken"], [("$deltatoken", tokens.Seal(token with { Seq = page.Through }))]) : null;
        var deltaLink = page.More ? null : Link(http, ["$deltatoken"], [("$deltatoken", tokens.Seal(token with { Seq = page.Through, From = page.Through, IssuedAt = now }))]);
        await responses.DeltaAsync(http, uri, page, next, deltaLink);
    }

    private async Task EntryAsync(HttpContext http, ODataUri uri, Guid id, CancellationToken cancellationToken)
    {
        var entry = await service.FindPublishedAsync(id, cancellationToken)
            ?? throw new HarvestQueryException(StatusCodes.Status404NotFound, "NotFound", $"There is no published learning opportunity {id}.");
        var etag = ODataResponses.ETag(entry);
        if (http.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Split(',').Any(tag => tag.Trim() is "*" || tag.Trim() == etag)))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            http.Response.Headers.ETag = etag;
            return;
        }
        await responses.EntryAsync(http, uri, entry, await ExpandAsync(uri.SelectAndExpand, [entry], cancellationToken), etag);
    }

    /// <summary>Runs the nested $filter of every $expand level in SQL, over the children of all the entries of the page at once.</summary>
    private async Task<Expansion> ExpandAsync(SelectExpandClause? clause, IReadOnlyList<LearningOpportunity> entries, CancellationToken cancellationToken)
    {
        var expansion = new Expansion();
        await ExpandAsync(expansion, model.Opportunities, entries.Select(e => ((object)e, 0)).ToList(), clause, cancellationToken);
        return expansion;
    }

    private async Task ExpandAsync(
        Expansion expansion, TableMap map, IReadOnlyList<(object Item, int Position)> parents, SelectExpandClause? clause, CancellationToken cancellationToken)
    {
        foreach (var item in Expansion.Items(clause))
        {
            var property = Expansion.Property(map, item);
            if (item.FilterOption is { } filter)
            {
                var keys = parents.Select(p => Guid.Parse(map.KeyOf(p.Item, p.Position))).ToList();
                expansion.Keep(item, await service.ChildrenAsync(map.Relations[property.Property.Name], filter, keys, cancellationToken));
            }
            var children = parents.SelectMany(p => expansion.Children(map, item, p.Item, p.Position)).ToList();
            await ExpandAsync(expansion, property.Target!, children, item.SelectAndExpand, cancellationToken);
        }
    }

    private int PageSize(HttpContext http, HashSet<string> preferences)
    {
        var asked = preferences.Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0].Trim() == MaxPageSize)
            .Select(p => int.TryParse(p[1].Trim(), out var size) ? size : 0).FirstOrDefault(size => size > 0);
        if (asked == 0) return Options.PageSize;
        var size = Math.Min(asked, Options.PageSize);
        Applied(http, $"{MaxPageSize}={size}");
        return size;
    }

    private static HashSet<string> Preferences(HttpRequest request) =>
        request.Headers["Prefer"].SelectMany(v => (v ?? "").Split(',')).Select(p => p.Trim()).Where(p => p.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static void Applied(HttpContext http, string preference) =>
        http.Response.Headers["Preference-Applied"] = StringValues.Concat(http.Response.Headers["Preference-Applied"], preference);

    /// <summary>This request's URL without the <paramref name="remove"/> options, plus <paramref name="add"/>.</summary>
    private static Uri Link(HttpContext http, string[] remove, IEnumerable<(string Name, string Value)> add)
    {
        var request = http.Request;
        var kept = request.Query.Where(q => !remove.Contains(q.Key, StringComparer.OrdinalIgnoreCase) && q.Key != "$deltatoken")
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)));
        var query = QueryString.Create(kept.Concat(add.Select(a => KeyValuePair.Create(a.Name, (string?)a.Value))));
        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{query}");
    }
}
