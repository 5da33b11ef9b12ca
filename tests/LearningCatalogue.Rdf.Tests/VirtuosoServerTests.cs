using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Rdf.Tests;

[Collection(VirtuosoCollection.Name)]
public sealed class VirtuosoServerTests(VirtuosoFixture fixture)
{
    [Fact]
    public void The_fixtures_server_has_its_own_ini_bound_to_localhost_and_answers_with_the_non_default_password()
    {
        var ini = File.ReadAllText(fixture.Server.IniPath);

        Assert.True(fixture.Server.OwnsProcess);
        Assert.Contains($"ServerPort = 127.0.0.1:{fixture.VirtuosoOptions.HttpPort}\n", ini);
        Assert.Contains($"ServerPort = 127.0.0.1:{fixture.VirtuosoOptions.SqlPort}\n", ini);
        Assert.Contains($"DatabaseFile = {fixture.Server.Folder}/virtuoso.db\n", ini);
        Assert.Contains("NumberOfBuffers = 20000\n", ini);
        Assert.NotEqual("dba", fixture.VirtuosoOptions.DbaPassword);
    }

    [Fact]
    public async Task A_second_server_for_the_same_folder_reuses_the_running_one_and_leaves_it_running()
    {
        await using (var second = new VirtuosoServer(Copy(fixture.VirtuosoOptions), NullLogger<VirtuosoServer>.Instance))
        {
            await second.StartAsync();
            Assert.False(second.OwnsProcess);
        }

        Assert.True((await fixture.Store.QueryAsync("ASK {}")).Boolean);
    }

    [Fact]
    public async Task A_server_of_another_folder_on_the_port_is_an_error_not_reused()
    {
        var options = Copy(fixture.VirtuosoOptions);
        options.Folder = Directory.CreateTempSubdirectory("learning-catalogue-virtuoso-other-").FullName;
        try
        {
            await using var other = new VirtuosoServer(options, NullLogger<VirtuosoServer>.Instance);
            var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => other.StartAsync());
            Assert.Contains("HttpPort", exception.Message);
            Assert.False(File.Exists(Path.Combine(options.Folder, "virtuoso.ini")));
        }
        finally
        {
            Directory.Delete(options.Folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_binary_says_to_run_the_prerequisites_script()
    {
        var options = Copy(fixture.VirtuosoOptions);
        options.Binary = "virtuoso-t-that-is-not-installed";
        await using var server = new VirtuosoServer(options, NullLogger<VirtuosoServer>.Instance);

        var exception = await Assert.ThrowsAsync<VirtuosoNotInstalledException>(() => server.StartAsync());

        Assert.Contains("src/tools/prerequisites.sh", exception.Message);
        Assert.Contains("virtuoso-opensource-7-bin", exception.Message);
    }

    [Fact]
    public async Task The_registered_store_follows_the_managed_virtuoso_unless_configured_and_talks_to_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Catalogue:Virtuoso:HttpPort"] = fixture.VirtuosoOptions.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Catalogue:Virtuoso:DbaPassword"] = fixture.VirtuosoOptions.DbaPassword,
            ["Catalogue:Rdf:GraphBaseIri"] = "https://graphs.example/",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSparqlStore(configuration).AddManagedVirtuoso(configuration, "/srv/catalogue-data");
        await using var provider = services.BuildServiceProvider();

        var rdf = provider.GetRequiredService<IOptions<RdfStoreOptions>>().Value;
        var virtuoso = provider.GetRequiredService<IOptions<VirtuosoOptions>>().Value;
        Assert.Equal(fixture.StoreOptions.QueryEndpoint, rdf.QueryEndpoint);
        Assert.Equal(fixture.StoreOptions.UpdateEndpoint, rdf.UpdateEndpoint);
        Assert.Equal(fixture.StoreOptions.GraphStoreEndpoint, rdf.GraphStoreEndpoint);
        Assert.Equal("https://graphs.example/esco", rdf.GraphIri("esco"));
        Assert.Equal("/srv/catalogue-data/virtuoso", virtuoso.Folder);

        var store = provider.GetRequiredService<ISparqlStore>();
        var graph = fixture.NewGraphIri();
        await store.UpdateAsync($"INSERT DATA {{ GRAPH {Sparql.Iri(graph)} {{ <http://example.org/a> <http://example.org/b> \"c\" }} }}");
        await store.AddToGraphAsync(graph, "<http://example.org/a> <http://example.org/b> \"d\" .\n");
        Assert.Equal(2, (await store.QueryAsync($"SELECT ?o WHERE {{ GRAPH {Sparql.Iri(graph)} {{ ?s ?p ?o }} }}")).Rows.Count);
    }

    private static VirtuosoOptions Copy(VirtuosoOptions options) => new()
    {
        Folder = options.Folder,
        HttpPort = options.HttpPort,
        SqlPort = options.SqlPort,
        DbaPassword = options.DbaPassword,
        NumberOfBuffers = options.NumberOfBuffers,
        MaxDirtyBuffers = options.MaxDirtyBuffers,
        StartTimeout = TimeSpan.FromSeconds(10),
    };
}

/// <summary>A server of its own, to see a start on an existing database and a stop.</summary>
public sealed class VirtuosoLifecycleTests
{
    [Fact]
    public async Task Data_survives_a_clean_stop_and_a_restart_and_the_process_is_gone_after_dispose()
    {
        var folder = Directory.CreateTempSubdirectory("learning-catalogue-virtuoso-lifecycle-").FullName;
        var options = new VirtuosoOptions
        {
            Folder = folder,
            HttpPort = VirtuosoFixture.FreePort(),
            SqlPort = VirtuosoFixture.FreePort(),
            NumberOfBuffers = 10_000,
            MaxDirtyBuffers = 7_500,
        };
        try
        {
            const string graph = "http://learning-catalogue.example/graph/lifecycle";
            await using (var server = new VirtuosoServer(options, NullLogger<VirtuosoServer>.Instance))
            {
                await server.StartAsync();
                using var client = new HttpClient(SparqlHttpStore.CreatePrimaryHandler(server.StoreOptions));
                var store = new SparqlHttpStore(client, Options.Create(server.StoreOptions), NullLogger<SparqlHttpStore>.Instance);
                await store.AddToGraphAsync(graph, "<http://example.org/a> <http://example.org/b> \"kept\" .\n");
            }
            Assert.Contains("Server shutdown complete", File.ReadAllText(Path.Combine(folder, "virtuoso.log")));

            await using (var server = new VirtuosoServer(options, NullLogger<VirtuosoServer>.Instance))
            {
                await server.StartAsync();
                Assert.True(server.OwnsProcess);
                using var client = new HttpClient(SparqlHttpStore.CreatePrimaryHandler(server.StoreOptions));
                var store = new SparqlHttpStore(client, Options.Create(server.StoreOptions), NullLogger<SparqlHttpStore>.Instance);
                Assert.True((await store.QueryAsync($"ASK {{ GRAPH <{graph}> {{ <http://example.org/a> <http://example.org/b> \"kept\" }} }}")).Boolean);
            }
            Assert.False(File.Exists(Path.Combine(folder, "virtuoso.lck")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
