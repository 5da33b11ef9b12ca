using LearningCatalogue.Catalogue;
using LearningCatalogue.Rdf;
using Microsoft.Extensions.Logging;

namespace LearningCatalogue.Skills.Linking;

/// <summary>
/// Keeps the catalogue's RDF graph in step with the database after every committed write: an edit that drops an
/// outcome drops its links from the graph, a deleted entry leaves no triples behind. The database is the record of
/// truth and is already committed, so a store that does not answer is logged, not thrown.
/// </summary>
public sealed partial class CatalogueGraphSync(CatalogueGraph graph, ILogger<CatalogueGraphSync> logger) : ICatalogueChangeListener
{
    public async Task OnCommittedAsync(CatalogueChange change, CancellationToken cancellationToken)
    {
        try
        {
            await graph.ReplaceEntriesAsync(change.Saved, change.Deleted, cancellationToken);
        }
        catch (Exception exception) when (exception is SparqlException or HttpRequestException or TaskCanceledException)
        {
            LogNotSynchronised(exception, change.Saved.Count + change.Deleted.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The RDF store did not take the skill links of {Count} changed learning opportunities; the database holds them.")]
    private partial void LogNotSynchronised(Exception exception, int count);
}
