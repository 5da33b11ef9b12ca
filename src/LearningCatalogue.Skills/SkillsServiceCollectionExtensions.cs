using LearningCatalogue.Catalogue;
using LearningCatalogue.Rdf;
using LearningCatalogue.Skills.Esco;
using LearningCatalogue.Skills.Linking;
using LearningCatalogue.Skills.Suggestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Skills;

public static class SkillsServiceCollectionExtensions
{
    /// <summary>
    /// Registers ESCO (import, SPARQL repository), the skill suggestion index under <paramref name="indexFolder"/>,
    /// and outcome-to-skill linking. Needs an <see cref="ISparqlStore"/> (AddSparqlStore).
    /// </summary>
    public static IServiceCollection AddSkills(this IServiceCollection services, IConfiguration configuration, string indexFolder)
    {
        services.Configure<EscoOptions>(configuration.GetSection(EscoOptions.Section));
        services.AddSingleton(sp => new EscoImporter(sp.GetRequiredService<ISparqlStore>()));
        services.AddSingleton(sp => new EscoSkillRepository(sp.GetRequiredService<ISparqlStore>()));
        services.AddSingleton(sp => new SkillSuggestionIndex(
            sp.GetRequiredService<IOptions<EscoOptions>>().Value.ResolveSuggestionIndexFolder(indexFolder)));
        services.AddSingleton<EscoTaxonomyCache>();
        services.AddSingleton<SkillSearch>();
        services.AddSingleton<CatalogueGraph>();
        services.AddSingleton<SkillLinkService>();
        services.AddSingleton<SuggestedSkillLinks>();
        return services;
    }

    /// <summary>
    /// Keeps the catalogue's RDF graph in step with every committed write (see <see cref="CatalogueGraphSync"/>): for
    /// the web host. The command line's bulk import writes its links itself, and undoes the import when that fails.
    /// </summary>
    public static IServiceCollection AddCatalogueGraphSync(this IServiceCollection services)
    {
        services.AddSingleton<ICatalogueChangeListener, CatalogueGraphSync>();
        return services;
    }

    /// <summary>Imports ESCO and builds the suggestion index on start when they are missing (see <see cref="EscoStartup"/>).</summary>
    public static IServiceCollection AddSkillsStartup(this IServiceCollection services)
    {
        services.AddHostedService<EscoStartup>();
        return services;
    }
}
