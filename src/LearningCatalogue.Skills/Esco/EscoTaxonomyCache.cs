using Microsoft.Extensions.Logging;

namespace LearningCatalogue.Skills.Esco;

/// <summary>
/// The ESCO taxonomy of the RDF store's current graph, read once and kept: the pillar changes only on an import,
/// and a re-import is noticed by the graph pointer changing, which is checked at most once a minute.
/// </summary>
public sealed class EscoTaxonomyCache(EscoSkillRepository repository, Rdf.ISparqlStore store, TimeProvider clock, ILogger<EscoTaxonomyCache> logger)
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Graph, EscoTaxonomy Taxonomy)? _loaded;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    public async Task<EscoTaxonomy> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_loaded is { } loaded && clock.GetUtcNow() - _checkedAt < CheckInterval) return loaded.Taxonomy;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var graph = await EscoGraph.RequireCurrentAsync(store, cancellationToken);
            _checkedAt = clock.GetUtcNow();
            if (_loaded is { } current && current.Graph == graph) return current.Taxonomy;
            logger.LogInformation("Reading the ESCO taxonomy of {Graph}.", graph);
            var concepts = new List<EscoSkill>();
            await foreach (var concept in repository.AllSkillsAsync(cancellationToken)) concepts.Add(concept);
            var taxonomy = new EscoTaxonomy(concepts);
            _loaded = (graph, taxonomy);
            return taxonomy;
        }
        finally
        {
            _gate.Release();
        }
    }
}
