using LearningCatalogue.Catalogue.Exchange;
using LearningCatalogue.Catalogue.Storage;
using LearningCatalogue.Catalogue.Validation;
using LearningCatalogue.Catalogue.Vocabularies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Catalogue;

public static class CatalogueServiceCollectionExtensions
{
    /// <summary>
    /// Registers the catalogue: its relational store (SQLite in the data folder unless configured otherwise),
    /// validation, the write service and the JSON exchange. Call <see cref="CatalogueDatabase.Migrate"/> before use.
    /// </summary>
    public static IServiceCollection AddCatalogue(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CatalogueOptions>(configuration.GetSection(CatalogueOptions.Section));
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var folder = sp.GetRequiredService<IOptions<CatalogueOptions>>().Value.DataFolder;
            return new CatalogueDatabase(
                SqlDialect.For(database.Provider),
                ConnectionString(database, folder),
                sp.GetRequiredService<ILogger<CatalogueDatabase>>());
        });
        // The reference tables are read once; they change only through migrations.
        services.AddSingleton<IVocabularyCatalog>(sp =>
            new VocabularyCatalog(sp.GetRequiredService<CatalogueDatabase>().LoadVocabularies()));
        services.AddSingleton<LearningOpportunityValidator>();
        services.AddSingleton<LearningOpportunityStore>();
        services.AddSingleton<CatalogueService>();
        services.AddSingleton<JsonExchange>();
        return services;
    }

    private static string ConnectionString(DatabaseOptions database, string dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(database.ConnectionString)) return database.ConnectionString;
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                [$"{DatabaseOptions.Section}:ConnectionString is required for {database.Provider}."]);
        }
        Directory.CreateDirectory(dataFolder);
        return $"Data Source={Path.Combine(Path.GetFullPath(dataFolder), "catalogue.db")}";
    }
}
