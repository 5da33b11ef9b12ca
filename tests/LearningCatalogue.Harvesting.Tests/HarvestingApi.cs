using System.Xml;
using LearningCatalogue.Catalogue;
using LearningCatalogue.Catalogue.Import;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Tests;
using LearningCatalogue.Search;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace LearningCatalogue.Harvesting.Tests;

/// <summary>The published test corpus: the 975 edX courses and varied complete sample entries, imported once per test run.</summary>
public static class HarvestCorpus
{
    private static readonly Lazy<Task<IReadOnlyList<LearningOpportunity>>> Published = new(LoadAsync);

    public static Task<IReadOnlyList<LearningOpportunity>> PublishedAsync() => Published.Value;

    /// <summary>
    /// Complete entries that differ in every field a filter test looks at, so that each filter keeps some entries and
    /// leaves out others: one key holds LIKE wildcards, one location equals the homepage, one entry has no fees.
    /// </summary>
    public static IReadOnlyList<LearningOpportunity> Samples(PublicationStatus status) =>
    [
        .. Enumerable.Range(0, 8).Select(i =>
        {
            var full = SampleEntries.Full($"sample-{status}-{i}");
            var start = i % 4 == 0 ? (DateOnly?)null : new DateOnly(2026 + i % 2, 1 + i, 1 + 3 * i);
            return full with
            {
                Id = Guid.NewGuid(),
                Key = i == 6 ? $"{full.Key}_[a-z]" : full.Key,
                SelfPaced = i % 3 == 0,
                Fees = i == 4 ? [] : full.Fees,
                Status = status,
                EqfLevel = 3 + i % 5,
                EctsCredits = i % 3 == 0 ? null : 2.5m * i,
                StartDate = start,
                EndDate = start?.AddDays(40),
                Supervision = i % 2 == 0 ? null : full.Supervision,
                CredentialKind = (CredentialKind)(i % 4),
                Location = i == 5 ? full.Homepage : i % 2 == 0 ? "Leuven and online" : "Salamanca_50%",
                Title = [.. full.Title, new("es", $"Alfabetización de datos {i} — Économie")],
                LearningOutcomes = full.LearningOutcomes.Select(o => o with { Id = Guid.NewGuid() }).Take(1 + i % 2).ToList(),
                CreatedAt = full.CreatedAt.AddDays(i),
                ModifiedAt = full.ModifiedAt.AddDays(i),
            };
        }),
    ];

    private static async Task<IReadOnlyList<LearningOpportunity>> LoadAsync()
    {
        using var catalogue = new TestCatalogue();
        using (var reader = new StreamReader(SharedData.File("corpora/edx_courses.csv")))
        {
            await new EdxCourseImporter(catalogue.Service, catalogue.Vocabularies).ImportAsync(reader);
        }
        var entries = new List<LearningOpportunity>();
        await foreach (var entry in catalogue.Store.StreamAllAsync()) entries.Add(entry with { Status = PublicationStatus.Published });
        return [.. entries, .. Samples(PublicationStatus.Published)];
    }
}

/// <summary>
/// The real web host on a SQLite catalogue: in a data folder of its own (deleted with the host), or in a given one, left
/// behind for the next host that starts on it.
/// </summary>
public class HarvestingHost(string? dataFolder = null) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly bool _ownsDataFolder = dataFolder is null;

    public string DataFolder { get; } = dataFolder ?? Directory.CreateTempSubdirectory("catalogue-harvest-").FullName;
    public HarvestClock Clock { get; } = new();
    public IEdmModel Model { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public CatalogueService Catalogue => Services.GetRequiredService<CatalogueService>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Catalogue:DataFolder", DataFolder);
        builder.UseSetting("Catalogue:Search:IndexFolder", Path.Combine(DataFolder, "indexes"));
        foreach (var (key, value) in TestHostSettings.WithoutRdfStore) builder.UseSetting(key, value);
        builder.UseSetting("Catalogue:Harvesting:PageSize", "100");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // The event per request would flood the test output (and time the console in the benchmark of paging).
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.HttpLogging", "Warning");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public virtual async Task InitializeAsync()
    {
        Client = CreateClient();
        using var metadata = await Client.GetStreamAsync("/odata/$metadata");
        using var xml = XmlReader.Create(metadata);
        Model = CsdlReader.Parse(xml);
    }

    /// <summary>The published entries as the store holds them now.</summary>
    public async Task<List<LearningOpportunity>> PublishedNowAsync()
    {
        var entries = new List<LearningOpportunity>();
        await foreach (var entry in Catalogue.Store.StreamAllAsync()) if (entry.Status == PublicationStatus.Published) entries.Add(entry);
        return entries;
    }

    /// <summary>Every page of a request, following @odata.nextLink: the entries of all pages and the last page (with its links and errors).</summary>
    public async Task<(List<ODataNode> Entries, ODataResult Last)> AllPagesAsync(string url, params (string Name, string Value)[] headers)
    {
        var entries = new List<ODataNode>();
        ODataResult result;
        for (var next = url; ; next = result.NextLink.PathAndQuery)
        {
            result = await GetAsync(next, headers);
            entries.AddRange(result.Entries);
            if (result.NextLink is null) return (entries, result);
        }
    }

    /// <summary>The ids of every entry the search index itself finds for what a learner types.</summary>
    public async Task<HashSet<Guid>> IndexHitsAsync(string typed)
    {
        var response = await Services.GetRequiredService<CatalogueSearch>().SearchAsync(new SearchRequest { Query = typed, Size = 10_000 });
        Assert.True(response.Total < 10_000, "The search found more entries than one request reads.");
        return response.Hits.Select(h => h.Id).ToHashSet();
    }

    public async Task<ODataResult> GetAsync(string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await Client.SendAsync(request);
        return await ODataResult.ReadAsync(response, Model);
    }

    public new Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (_ownsDataFolder && Directory.Exists(DataFolder)) Directory.Delete(DataFolder, recursive: true);
    }
}

/// <summary>The real web host on its own SQLite catalogue holding the published corpus and a few drafts nobody may see.</summary>
public sealed class HarvestingApi : HarvestingHost
{
    public IReadOnlyList<LearningOpportunity> Drafts { get; } = HarvestCorpus.Samples(PublicationStatus.Draft);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Catalogue.RestoreAsync([.. await HarvestCorpus.PublishedAsync(), .. Drafts]);
    }
}

/// <summary>The system clock, which a test can move forward (to age a delta link past the retention).</summary>
public sealed class HarvestClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

/// <summary>Read-only harvesting tests share one catalogue.</summary>
[CollectionDefinition(Name)]
public sealed class HarvestingCollection : ICollectionFixture<HarvestingApi>
{
    public const string Name = "harvesting";
}

/// <summary>A resource read with ODataMessageReader, with its expanded or complex children by property name.</summary>
public sealed class ODataNode(ODataResourceBase? resource)
{
    public ODataResourceBase? Resource { get; } = resource;
    public Dictionary<string, List<ODataNode>> Nested { get; } = new(StringComparer.Ordinal);

    public object? this[string property] => Resource!.Properties.OfType<ODataProperty>().SingleOrDefault(p => p.Name == property)?.Value;

    public IReadOnlyList<string> PropertyNames => Resource!.Properties.Select(p => p.Name).Concat(Nested.Keys).ToList();

    public Guid Id => (Guid)this["Id"]!;
}

/// <summary>A response read by Microsoft.OData.Core against the served $metadata: a feed, a delta, one entity or an error.</summary>
public sealed class ODataResult
{
    public required System.Net.HttpStatusCode Status { get; init; }
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public List<ODataNode> Entries { get; } = [];
    /// <summary>The ids a delta reports as removed, with the reason it gives.</summary>
    public Dictionary<Guid, DeltaDeletedEntryReason?> Removed { get; } = [];
    public Uri? NextLink { get; private set; }
    public Uri? DeltaLink { get; private set; }
    /// <summary>The @odata.count of a feed, or the value of a /$count.</summary>
    public long? Count { get; private set; }
    public ODataError? Error { get; private set; }

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public static async Task<ODataResult> ReadAsync(HttpResponseMessage response, IEdmModel model)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var result = new ODataResult { Status = response.StatusCode, Headers = headers };
        if (body.Length == 0) return result;
        var message = new Message(headers, body);
        var settings = new ODataMessageReaderSettings { BaseUri = new Uri("http://localhost/odata/"), MaxProtocolVersion = ODataVersion.V401 };
        using var reader = new ODataMessageReader(message, settings, model);
        if (!response.IsSuccessStatusCode)
        {
            result.Error = reader.ReadError();
            return result;
        }
        var path = response.RequestMessage!.RequestUri!.AbsolutePath;
        if (path.EndsWith("/$count", StringComparison.Ordinal))
        {
            result.Count = (long)reader.ReadValue(EdmCoreModel.Instance.GetInt64(isNullable: false));
            return result;
        }
        var set = model.EntityContainer.FindEntitySet(path["/odata/".Length..].Split('(', '/')[0]);
        var odata = path.EndsWith(')') ? reader.CreateODataResourceReader(set, set.EntityType)
            : response.RequestMessage.RequestUri.Query.Contains("deltatoken", StringComparison.Ordinal) ? reader.CreateODataDeltaResourceSetReader(set, set.EntityType)
            : reader.CreateODataResourceSetReader(set, set.EntityType);
        result.Read(odata);
        return result;
    }

    private void Read(ODataReader reader)
    {
        var resources = new Stack<ODataNode>();
        var nested = new Stack<string>();
        var sets = 0;
        while (reader.Read())
        {
            switch (reader.State)
            {
                case ODataReaderState.ResourceSetStart or ODataReaderState.DeltaResourceSetStart:
                    sets++;
                    break;
                case ODataReaderState.ResourceSetEnd or ODataReaderState.DeltaResourceSetEnd when --sets == 0:
                    var feed = (ODataResourceSetBase)reader.Item;
                    (NextLink, DeltaLink, Count) = (feed.NextPageLink, feed.DeltaLink, feed.Count);
                    break;
                case ODataReaderState.NestedResourceInfoStart:
                    nested.Push(((ODataNestedResourceInfo)reader.Item).Name);
                    break;
                case ODataReaderState.NestedResourceInfoEnd:
                    nested.Pop();
                    break;
                case ODataReaderState.ResourceStart or ODataReaderState.DeletedResourceStart:
                    var node = new ODataNode((ODataResourceBase?)reader.Item);
                    if (resources.TryPeek(out var parent))
                    {
                        var name = nested.Peek();
                        if (!parent.Nested.TryGetValue(name, out var children)) parent.Nested[name] = children = [];
                        if (node.Resource is not null) children.Add(node);
                    }
                    resources.Push(node);
                    break;
                case ODataReaderState.ResourceEnd:
                    var done = resources.Pop();
                    if (resources.Count == 0) Entries.Add(done);
                    break;
                case ODataReaderState.DeletedResourceEnd:
                    var deleted = resources.Pop();
                    Removed.Add(deleted.Id, ((ODataDeletedResource)deleted.Resource!).Reason);
                    break;
            }
        }
    }

    private sealed class Message(IReadOnlyDictionary<string, string> headers, byte[] body) : IODataResponseMessage
    {
        public IEnumerable<KeyValuePair<string, string>> Headers => headers;
        public int StatusCode { get; set; }
        public string GetHeader(string headerName) => headers.GetValueOrDefault(headerName)!;
        public void SetHeader(string headerName, string headerValue) => throw new NotSupportedException();
        public Stream GetStream() => new MemoryStream(body);
    }
}
