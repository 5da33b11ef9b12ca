using LearningCatalogue.Catalogue.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LearningCatalogue.Api.Tests;

/// <summary>The real web host on an empty SQLite catalogue in a temporary data folder.</summary>
public sealed class CatalogueApiFactory : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("catalogue-api-").FullName;

    /// <summary>Every event the host logged.</summary>
    public CapturedLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Catalogue:DataFolder", _dataFolder);
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.UseSetting("Catalogue:Search:IndexFolder", Path.Combine(_dataFolder, "indexes"));
        foreach (var (key, value) in TestHostSettings.WithoutRdfStore) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Log));
    }

    /// <summary>Overwrites the database file with bytes that are no SQLite database, as a disk fault would.</summary>
    public void BreakDatabase()
    {
        SqliteConnection.ClearAllPools();
        File.WriteAllBytes(Path.Combine(_dataFolder, "catalogue.db"), new byte[8192]);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataFolder)) Directory.Delete(_dataFolder, recursive: true);
    }
}
