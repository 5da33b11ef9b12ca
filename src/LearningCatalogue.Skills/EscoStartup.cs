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
/// Then, without holding the start up, reads the taxonomy (labels and hierarchy of every skill) that skill search
/// and indexing need, so that the first request does not wait seconds for it.
/// A store that does not answer is logged, not fatal: the catalogue serves without skills until it does.
/// </summary>
public sealed class EscoStartup(
    ISparqlStore store,
    EscoImporter importer,
    EscoSkillRepository repository,
    SkillSuggestionIndex suggestions,
    EscoTaxonomyCache taxonomies,
    IOptions<EscoOptions> options,
    ILogger<EscoStartup> logger) : IHostedService
{
    // Holds no timer or handle, so it needs no disposing; the host may dispose services before or after stopping them.
    private readonly CancellationTokenSource _stopping = new();
    private Task _warming = Task.CompletedTask;

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
            return;
        }
        _warming = WarmAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _warming;
    }

    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            await taxonomies.GetAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is SparqlException or EscoNotImportedException or HttpRequestException or OperationCanceledException)
        {
            // The first request that needs the taxonomy reads it, or says why it cannot.
            logger.LogInformation("The ESCO taxonomy was not read at start: {Reason}", exception.Message);
        }
    }
}
