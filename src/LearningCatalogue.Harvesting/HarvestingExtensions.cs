using LearningCatalogue.Catalogue.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Harvesting;

public static class HarvestingExtensions
{
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
