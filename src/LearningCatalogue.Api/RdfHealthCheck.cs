using LearningCatalogue.Rdf;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LearningCatalogue.Api;

/// <summary>The RDF store answering a query; degraded (not unhealthy) without it, as the catalogue still serves.</summary>
internal sealed class RdfHealthCheck(ISparqlStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.QueryAsync("ASK {}", cancellationToken);
            return HealthCheckResult.Healthy("The RDF store answers.");
        }
        catch (SparqlException exception)
        {
            return HealthCheckResult.Degraded("The RDF store does not answer: skills are unavailable.", exception);
        }
    }
}
