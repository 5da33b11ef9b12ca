using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LearningCatalogue.Api;

/// <summary>Writes /health as JSON: the overall status and each check's, so a monitor sees which part is down.</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
}
