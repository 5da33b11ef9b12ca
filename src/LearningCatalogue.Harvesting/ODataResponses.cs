using System.Collections;
using System.Security.Cryptography;
using System.Text.Json;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Vocabularies;
using Microsoft.AspNetCore.Http;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace LearningCatalogue.Harvesting;

/// <summary>
/// The children $expand writes for one navigation property of one parent: all of them, or those a nested $filter kept
/// (computed in SQL beforehand), then nested $skip and $top.
/// </summary>
internal sealed class Expansion
{
    private readonly Dictionary<ExpandedNavigationSelectItem, HashSet<string>> _kept = [];

    public void Keep(ExpandedNavigationSelectItem item, HashSet<string> kept) => _kept[item] = kept;

    public static IEnumerable<ExpandedNavigationSelectItem> Items(SelectExpandClause? clause)
    {
        if (clause is null) yield break;
        foreach (var item in clause.SelectedItems)
        {
            switch (item)
            {
                case ExpandedNavigationSelectItem expanded:
                    if (expanded.OrderByOption is not null) throw HarvestQueryException.NotSupported("$orderby inside $expand");
                    if (expanded.CountOption is not null) throw HarvestQueryException.NotSupported("$count inside $expand");
                    if (expanded.SearchOption is not null) throw HarvestQueryException.NotSupported("$search inside $expand");
                    if (expanded.LevelsOption is not null) throw HarvestQueryException.NotSupported("$levels inside $expand");
                    if (expanded.ComputeOption is not null || expanded.ApplyOption is not null) throw HarvestQueryException.NotSupported("$compute and $apply inside $expand");
                    yield return expanded;
                    break;
                case ExpandedReferenceSelectItem:
                    throw HarvestQueryException.NotSupported("$expand of references ($ref)");
            }
        }
    }

    public static PropertyMap Property(TableMap map, ExpandedNavigationSelectItem item)
    {
        var name = ((NavigationPropertySegment)item.PathToNavigationProperty.LastSegment).NavigationProperty.Name;
        return map.Properties.Single(p => p.Property.Name == name);
    }

    /// <summary>Every child of the parent (a list, or a single value), with its position in the list.</summary>
    public static IEnumerable<(object Item, int Position)> All(PropertyMap property, object parent, int position) =>
        property.Get(parent, position) switch
        {
            null => [],
            IEnumerable list => list.Cast<object>().Select((child, i) => (child, i)),
            var single => [(single, 0)],
        };

    public IEnumerable<(object Item, int Position)> Children(TableMap map, ExpandedNavigationSelectItem item, object parent, int position)
    {
        var property = Property(map, item);
        var children = All(property, parent, position);
        if (_kept.TryGetValue(item, out var kept))
        {
            var parentKey = map.KeyOf(parent, position);
            children = children.Where(c => kept.Contains(HarvestService.ChildKey(parentKey, property.Target!.KeyOf(c.Item, c.Position))));
        }
        if (item.SkipOption is { } skip) children = children.Skip((int)skip);
        if (item.TopOption is { } top) children = children.Take((int)top);
        return children;
    }
}

/// <summary>Writes OData JSON (4.01) responses with Microsoft.OData.Core's writer, from the catalogue model.</summary>
internal sealed class ODataResponses(HarvestModel model)
{
    /// <summary>A weak entity tag over the whole entry: any change of what the catalogue stores changes it.</summary>
    public static string ETag(LearningOpportunity entry) =>
        $"W/\"{Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(entry)))[..32]}\"";

    public Task EntriesAsync(HttpContext http, ODataUri uri, IReadOnlyList<LearningOpportunity> entries, Expansion expansion, long? count, Uri? nextLink, Uri? deltaLink) =>
        SetAsync(http, uri, model.EntitySet, model.Opportunities, entries.Select(e => ((object)e, (string?)ETag(e))), expansion, count, nextLink, deltaLink);

    public Task EntryAsync(HttpContext http, ODataUri uri, LearningOpportunity entry, Expansion expansion, string etag) =>
        ResourceAsync(http, uri, model.EntitySet, model.Opportunities, entry, expansion, etag);

    public Task ConceptsAsync(HttpContext http, ODataUri uri, IReadOnlyList<VocabularyTerm> concepts, long? count, Uri? nextLink) =>
        SetAsync(http, uri, model.ConceptSet, model.Concepts, concepts.Select(c => ((object)c, (string?)null)), new Expansion(), count, nextLink, null);

    public Task ConceptAsync(HttpContext http, ODataUri uri, VocabularyTerm concept) =>
        ResourceAsync(http, uri, model.ConceptSet, model.Concepts, concept, new Expansion(), null);

    private Task SetAsync(HttpContext http, ODataUri uri, IEdmEntitySet set, TableMap map, IEnumerable<(object Item, string? ETag)> items, Expansion expansion,
        long? count, Uri? nextLink, Uri? deltaLink) =>
        WriteAsync(http, 200, uri, model.Model, messageWriter =>
        {
            var writer = messageWriter.CreateODataResourceSetWriter(set, (IEdmEntityType)map.Type);
            writer.WriteStart(new ODataResourceSet { Count = count, NextPageLink = nextLink, DeltaLink = deltaLink });
            foreach (var (item, etag) in items) Write(writer, map, item, 0, uri.SelectAndExpand, expansion, etag);
            writer.WriteEnd();
        });

    private Task ResourceAsync(HttpContext http, ODataUri uri, IEdmEntitySet set, TableMap map, object item, Expansion expansion, string? etag) =>
        WriteAsync(http, 200, uri, model.Model, messageWriter =>
            Write(messageWriter.CreateODataResourceWriter(set, (IEdmEntityType)map.Type), map, item, 0, uri.SelectAndExpand, expansion, etag),
            etag);

    public Task DeltaAsync(HttpContext http, ODataUri uri, DeltaPage page, Uri? nextLink, Uri? deltaLink) =>
        WriteAsync(http, 200, uri, model.Model, messageWriter =>
        {
            var writer = messageWriter.CreateODataDeltaResourceSetWriter(model.EntitySet, model.OpportunityType);
            writer.WriteStart(new ODataDeltaResourceSet { NextPageLink = nextLink, DeltaLink = deltaLink });
            var expansion = new Expansion();
            foreach (var entry in page.Changed) Write(writer, model.Opportunities, entry, 0, uri.SelectAndExpand, expansion, ETag(entry));
            foreach (var id in page.Removed)
            {
                writer.WriteStart(new ODataDeletedResource(new Uri(uri.ServiceRoot, $"{HarvestModel.EntitySetName}({id})"), DeltaDeletedEntryReason.Deleted)
                {
                    Properties = [new ODataProperty { Name = "Id", Value = id }],
                });
                writer.WriteEnd();
            }
            writer.WriteEnd();
        });

    public static Task ErrorAsync(HttpContext http, int status, string code, string message) =>
        WriteAsync(http, status, null, null, messageWriter => messageWriter.WriteError(new ODataError { Code = code, Message = message }, includeDebugInformation: false));

    private void Write(ODataWriter writer, TableMap map, object item, int position, SelectExpandClause? clause, Expansion expansion, string? etag)
    {
        var selected = Selected(clause);
        // Keys are always written: the writer builds the paths of contained children from them.
        bool IsSelected(PropertyMap p) => selected is null || selected.Contains(p.Property.Name) || (map.Type as IEdmEntityType)?.Key().Contains(p.Property) == true;
        writer.WriteStart(new ODataResource
        {
            ETag = etag,
            Properties = map.Properties.Where(p => p.Target is null && IsSelected(p))
                .Select(p => new ODataProperty { Name = p.Property.Name, Value = p.Get(item, position) }).ToList(),
        });
        foreach (var property in map.Properties.Where(p => p.Target is not null && p.Property is IEdmStructuralProperty && IsSelected(p)))
        {
            WriteNested(writer, property, Expansion.All(property, item, position), property.Get(item, position) is null, null, expansion);
        }
        foreach (var expanded in Expansion.Items(clause))
        {
            var property = Expansion.Property(map, expanded);
            WriteNested(writer, property, expansion.Children(map, expanded, item, position), property.Get(item, position) is null, expanded.SelectAndExpand, expansion);
        }
        writer.WriteEnd();
    }

    private void WriteNested(
        ODataWriter writer, PropertyMap property, IEnumerable<(object Item, int Position)> children, bool isNull, SelectExpandClause? clause, Expansion expansion)
    {
        var isCollection = property.Property.Type.IsCollection();
        writer.WriteStart(new ODataNestedResourceInfo { Name = property.Property.Name, IsCollection = isCollection });
        if (isCollection) writer.WriteStart(new ODataResourceSet());
        var written = false;
        foreach (var (child, position) in children)
        {
            Write(writer, property.Target!, child, position, clause, expansion, null);
            written = true;
        }
        if (isCollection) writer.WriteEnd();
        else if (!written || isNull)
        {
            writer.WriteStart((ODataResource?)null);
            writer.WriteEnd();
        }
        writer.WriteEnd();
    }

    /// <summary>The names of the properties $select keeps; null for all of them.</summary>
    private static HashSet<string>? Selected(SelectExpandClause? clause) =>
        clause is null || clause.AllSelected
            ? null
            : clause.SelectedItems.OfType<PathSelectItem>().Select(i => i.SelectedPath.FirstSegment.Identifier).ToHashSet(StringComparer.Ordinal);

    private static async Task WriteAsync(HttpContext http, int status, ODataUri? uri, IEdmModel? edm, Action<ODataMessageWriter> write, string? etag = null)
    {
        var message = new BufferedResponseMessage();
        var settings = new ODataMessageWriterSettings { Version = ODataVersion.V401, ODataUri = uri ?? new ODataUri(), EnableMessageStreamDisposal = false };
        settings.SetContentType(ODataFormat.Json);
        // 4.01 (for @removed in deltas), with control information named as 4.0 clients know it (@odata.nextLink).
        settings.SetOmitODataPrefix(false);
        using (var messageWriter = new ODataMessageWriter(message, settings, edm))
        {
            write(messageWriter);
        }
        http.Response.StatusCode = status;
        if (etag is not null) http.Response.Headers.ETag = etag;
        foreach (var (name, value) in message.Headers) http.Response.Headers[name] = value;
        await http.Response.Body.WriteAsync(message.Body.GetBuffer().AsMemory(0, (int)message.Body.Length), http.RequestAborted);
    }

    /// <summary>ODataMessageWriter writes synchronously; it writes into memory, which is then sent asynchronously.</summary>
    private sealed class BufferedResponseMessage : IODataResponseMessage
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

        public MemoryStream Body { get; } = new();
        public IEnumerable<KeyValuePair<string, string>> Headers => _headers;
        public int StatusCode { get; set; } = 200;
        public string GetHeader(string headerName) => _headers.GetValueOrDefault(headerName)!;
        public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;
        public Stream GetStream() => Body;
    }
}
