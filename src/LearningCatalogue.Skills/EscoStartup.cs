using LearningCatalogue.Rdf;
using LearningCatalogue.Skills.Esco;
using LearningCatalogue.Skills.Suggestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Skills;

/// <summary>
/// On start: imports ESCO when the RDF store holds none (and a package is at hand), then builds the skill
/// suggestion index from the store when there is none yet. Registered after the managed Virtuoso, which starts first.
/// A store that does not answer is logged, not fatal: the catalogue serves without skills until it does.
/// </summary>
public sealed class EscoStartup(
    ISparqlStore store,
    EscoImporter importer,
    EscoSkillRepository repository,
    SkillSuggestionIndex suggestions,
    IOptions<EscoOptions> options,
    ILogger<EscoStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (options.Value.ImportOnFirstStart && await EscoGraph.CurrentAsync(store, cancellationToken) is null)
            {
                if (options.Value.ResolveFolder() is { } folder)
                {
                    logger.LogInformation("The RDF store holds no ESCO classification: importing {Folder}.", folder);
                    var result = await importer.ImportAsync(folder, cancellationToken: cancellationToken);
                    logger.LogInformation("Imported {Triples} triples ({Skills} skills) in {Duration}.", result.Triples, result.Skills, result.Duration);
                }
                else
                {
                    logger.LogWarning("The RDF store holds no ESCO classification and no ESCO package was found; see esco-data/README.md.");
                }
            }
            if (!suggestions.IsAvailable && await EscoGraph.CurrentAsync(store, cancellationToken) is not null)
            {
                logger.LogInformation("Building the skill suggestion index from the RDF store.");
                await suggestions.BuildAsync(repository.AllSkillsAsync(cancellationToken), cancellationToken);
            }
        }
        catch (SparqlException exception)
        {
            logger.LogError(exception, "The RDF store does not answer; skills are unavailable until it does.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
