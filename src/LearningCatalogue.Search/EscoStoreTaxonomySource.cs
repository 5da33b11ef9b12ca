using LearningCatalogue.Rdf;
using LearningCatalogue.Skills.Esco;
using Microsoft.Extensions.Logging;

namespace LearningCatalogue.Search;

/// <summary>
/// Gives the search index the ESCO taxonomy of the RDF store. Without a store (or before ESCO is imported) the index
/// is built without skill labels and groups, and says so in the log, rather than not at all. The cache keeps only a
/// taxonomy it read, and reads again once the store's current ESCO graph changes (an ESCO import made a new one).
/// </summary>
public sealed class EscoStoreTaxonomySource(EscoTaxonomyCache cache, ILogger<EscoStoreTaxonomySource> logger) : IEscoTaxonomySource
{
    public async Task<EscoTaxonomy> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await cache.GetAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is SparqlException or EscoNotImportedException)
        {
            logger.LogWarning(exception, "No ESCO taxonomy from the RDF store: skills are indexed by URI and snapshot label only.");
            return new EscoTaxonomy([]);
        }
    }
}
