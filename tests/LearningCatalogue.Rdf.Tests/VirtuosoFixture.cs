using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Rdf.Tests;

/// <summary>
/// A Virtuoso of the test run's own: a temporary folder, free ports (test assemblies run in parallel), a small
/// cache, a non-default dba password (so that setting it is exercised too), removed on dispose.
/// Fails, never skips, when Virtuoso is not installed.
/// <para>
/// To share it from another test project: reference this project, and declare in that project
/// <c>[CollectionDefinition("…")] public sealed class … : ICollectionFixture&lt;VirtuosoFixture&gt;;</c>
/// (xunit only sees collection definitions of the test assembly itself). Give every test its own graph with
/// <see cref="NewGraphIri"/>.
/// </para>
/// </summary>
public sealed class VirtuosoFixture : IAsyncLifetime
{
    private const int Attempts = 3;
    private VirtuosoServer? _server;
    private HttpClient? _client;

    public VirtuosoOptions VirtuosoOptions { get; private set; } = new();

    public RdfStoreOptions StoreOptions { get; private set; } = new();

    public ISparqlStore Store { get; private set; } = null!;

    public VirtuosoServer Server => _server ?? throw new InvalidOperationException("The fixture is not started.");

    public async Task InitializeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var options = new VirtuosoOptions
            {
                Folder = Directory.CreateTempSubdirectory("learning-catalogue-virtuoso-").FullName,
                HttpPort = FreePort(),
                SqlPort = FreePort(),
                DbaPassword = "test-" + Guid.NewGuid().ToString("N")[..12],
                NumberOfBuffers = 20_000,
                MaxDirtyBuffers = 15_000,
                StartTimeout = TimeSpan.FromSeconds(90),
            };
            var server = new VirtuosoServer(options, NullLogger<VirtuosoServer>.Instance);
            try
            {
                await server.StartAsync();
                VirtuosoOptions = options;
                _server = server;
                break;
            }
            catch (Exception exception) when (attempt < Attempts && exception is not VirtuosoNotInstalledException)
            {
                // Another process may have taken a port between choosing and binding it: try fresh ones.
                await server.DisposeAsync();
                TryDelete(options.Folder);
            }
        }
        StoreOptions = VirtuosoOptions.ToStoreOptions();
        _client = new HttpClient(SparqlHttpStore.CreatePrimaryHandler(StoreOptions));
        Store = new SparqlHttpStore(_client, Options.Create(StoreOptions), NullLogger<SparqlHttpStore>.Instance);
    }

    /// <summary>A store on this Virtuoso whose requests pass through <paramref name="outerHandler"/> first (to record or alter them).</summary>
    public SparqlHttpStore CreateStore(DelegatingHandler outerHandler, RdfStoreOptions? options = null)
    {
        options ??= StoreOptions;
        outerHandler.InnerHandler = SparqlHttpStore.CreatePrimaryHandler(options);
        return new SparqlHttpStore(new HttpClient(outerHandler), Options.Create(options), NullLogger<SparqlHttpStore>.Instance);
    }

    /// <summary>A graph IRI no other test uses.</summary>
    public string NewGraphIri(string name = "test") => StoreOptions.GraphIri($"{name}-{Guid.NewGuid():N}");

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
            TryDelete(_server.Folder);
        }
    }

    /// <summary>A TCP port free on 127.0.0.1 at the moment of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string? folder)
    {
        try
        {
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class VirtuosoCollection : ICollectionFixture<VirtuosoFixture>
{
    public const string Name = "Virtuoso";
}
