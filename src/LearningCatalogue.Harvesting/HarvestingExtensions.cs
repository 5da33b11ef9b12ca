using LearningCatalogue.Catalogue;
using LearningCatalogue.Catalogue.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Harvesting;

public static class HarvestingExtensions
{
    /// <summary>The folder of the data folder that holds the Data Protection keys sealing the harvesting links.</summary>
    public const string KeysFolder = "keys";

    /// <summary>
    /// Registers the OData harvesting API (settings from "Catalogue:Harvesting"). Needs the catalogue and its search
    /// (AddCatalogueSearch, which answers $search) registered.
    /// </summary>
    public static IServiceCollection AddHarvesting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HarvestingOptions>(configuration.GetSection(HarvestingOptions.Section));
        services.AddSingleton(sp => new HarvestModel(sp.GetRequiredService<IOptions<HarvestingOptions>>().Value));
        services.AddSingleton(sp => new HarvestStatements(
            sp.GetRequiredService<CatalogueDatabase>().Dialect, sp.GetRequiredService<HarvestModel>(), sp.GetRequiredService<IOptions<HarvestingOptions>>().Value));
        services.AddSingleton<HarvestService>();
        services.AddSingleton<HarvestSearch>();
        services.AddSingleton<ODataResponses>();
        services.AddSingleton<HarvestEndpoint>();
        services.AddSingleton<HarvestTokens>();
        // The keys that seal the links' tokens live with the database in the data folder: links survive restarts, and
        // a harvester's links stop working only when the data folder does. The application name keeps them valid when
        // the host moves to another folder (the default discriminator is the content root).
        services.AddDataProtection().SetApplicationName("LearningCatalogue");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<CatalogueOptions>, ILoggerFactory>((keys, catalogue, loggers) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(catalogue.Value.DataFolder, KeysFolder)), loggers));
        return services;
    }

    /// <summary>Maps the harvesting API under /odata: the service document, $metadata (CSDL XML or JSON) and the entity set.</summary>
    public static IEndpointRouteBuilder MapHarvesting(this IEndpointRouteBuilder app)
    {
        var model = app.ServiceProvider.GetRequiredService<HarvestModel>().Model;
        app.MapODataServiceDocument("/odata", model);
        app.MapODataMetadata("/odata/$metadata", model);
        app.MapGet("/odata/{**path}", (HttpContext http, HarvestEndpoint endpoint) => endpoint.HandleAsync(http)).ExcludeFromDescription();
        return app;
    }
}
