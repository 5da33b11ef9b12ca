using LearningCatalogue.Catalogue;
using LearningCatalogue.Rdf;
using LearningCatalogue.Search;
using LearningCatalogue.Skills;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LearningCatalogue.Cli;

/// <summary>
/// The RDF store, ESCO and the skill suggestion index for the commands that need them, on the same settings as the
/// web host: a managed Virtuoso in the data folder (reused when the web host already runs it) unless configured otherwise.
/// </summary>
internal static class SkillServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var dataFolder = configuration[$"{CatalogueOptions.Section}:{nameof(CatalogueOptions.DataFolder)}"] ?? "data";
        var indexFolder = configuration[$"{SearchOptions.Section}:{nameof(SearchOptions.IndexFolder)}"] ?? "indexes";
        services.AddSparqlStore(configuration);
        services.AddManagedVirtuoso(configuration, dataFolder);
        services.AddSkills(configuration, indexFolder);
        services.AddSingleton<IEscoTaxonomySource, EscoStoreTaxonomySource>();
    }

    /// <summary>Starts the managed Virtuoso (a hosted service in the web host); stopping it is the returned handle's job.</summary>
    public static async Task<IAsyncDisposable> StartStoreAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var virtuoso = services.GetServices<IHostedService>().OfType<VirtuosoHostedService>().Single();
        await virtuoso.StartAsync(cancellationToken);
        return virtuoso;
    }
}
