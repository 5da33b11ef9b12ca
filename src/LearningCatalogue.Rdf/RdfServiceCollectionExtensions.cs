using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Rdf;

public static class RdfServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISparqlStore"/> (<see cref="SparqlHttpStore"/> as a typed HTTP client) on the options of
    /// section <c>Catalogue:Rdf</c>.
    /// </summary>
    public static IServiceCollection AddSparqlStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RdfStoreOptions>().Bind(configuration.GetSection(RdfStoreOptions.SectionName));
        services.AddHttpClient<ISparqlStore, SparqlHttpStore>()
            .ConfigurePrimaryHttpMessageHandler(provider => SparqlHttpStore.CreatePrimaryHandler(provider.GetRequiredService<IOptions<RdfStoreOptions>>().Value));
        return services;
    }

    /// <summary>
    /// Registers the managed Virtuoso (section <c>Catalogue:Virtuoso</c>, folder <c>virtuoso</c> under
    /// <paramref name="dataFolder"/> by default) as a hosted service, and points the <c>Catalogue:Rdf</c> endpoints
    /// and credentials that are not configured explicitly at it.
    /// </summary>
    public static IServiceCollection AddManagedVirtuoso(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        services.AddOptions<VirtuosoOptions>()
            .Bind(configuration.GetSection(VirtuosoOptions.SectionName))
            .PostConfigure(options => options.Folder = options.ResolveFolder(dataFolder));
        services.AddOptions<RdfStoreOptions>().PostConfigure<IOptions<VirtuosoOptions>>((store, virtuosoOptions) =>
        {
            var virtuoso = virtuosoOptions.Value;
            if (!virtuoso.Managed)
            {
                return;
            }
            var rdf = configuration.GetSection(RdfStoreOptions.SectionName);
            var managed = virtuoso.ToStoreOptions();
            if (rdf[nameof(RdfStoreOptions.QueryEndpoint)] is null) store.QueryEndpoint = managed.QueryEndpoint;
            if (rdf[nameof(RdfStoreOptions.UpdateEndpoint)] is null) store.UpdateEndpoint = managed.UpdateEndpoint;
            if (rdf[nameof(RdfStoreOptions.GraphStoreEndpoint)] is null) store.GraphStoreEndpoint = managed.GraphStoreEndpoint;
            if (rdf[nameof(RdfStoreOptions.Username)] is null) store.Username = managed.Username;
            if (rdf[nameof(RdfStoreOptions.Password)] is null) store.Password = managed.Password;
        });
        services.AddHostedService<VirtuosoHostedService>();
        return services;
    }
}
