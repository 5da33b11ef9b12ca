using LearningCatalogue.Catalogue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LearningCatalogue.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers the search index (kept up to date by every write of <see cref="CatalogueService"/>), the search and,
    /// in a host, the first build of the index. Register an <see cref="IEscoTaxonomySource"/> before or after to index
    /// skill labels and hierarchy from the RDF store; without one, skills are indexed by URI and recorded label.
    /// </summary>
    public static IServiceCollection AddCatalogueSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SearchOptions>(configuration.GetSection(SearchOptions.Section));
        services.TryAddSingleton<IEscoTaxonomySource>(EscoTaxonomySource.Empty);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CatalogueIndex>();
        services.AddSingleton<ICatalogueChangeListener>(sp => sp.GetRequiredService<CatalogueIndex>());
        services.AddSingleton<CatalogueSearch>();
        services.AddHostedService<SearchIndexStartup>();
        return services;
    }
}

/// <summary>
/// Builds the index on the first start (the catalogue may already hold entries, imported by the command line), in the
/// background: searches answer from an empty index meanwhile. Later starts serve the index as it is.
/// </summary>
internal sealed class SearchIndexStartup(CatalogueIndex index, ILogger<SearchIndexStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (index.Exists) return;
        try
        {
            await index.RebuildAsync(cancellationToken: stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The host keeps serving the catalogue; search finds nothing until `catalogue index rebuild` succeeds.
            logger.LogError(exception, "The first build of the search index failed.");
        }
    }
}
