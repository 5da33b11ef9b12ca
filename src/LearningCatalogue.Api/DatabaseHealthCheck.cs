using LearningCatalogue.Catalogue.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LearningCatalogue.Api;

/// <summary>Healthy when the catalogue database answers a query.</summary>
internal sealed class DatabaseHealthCheck(LearningOpportunityStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var count = await store.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{count} learning opportunities.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The catalogue database does not answer.", exception);
        }
    }
}
