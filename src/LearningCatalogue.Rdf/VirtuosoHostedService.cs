using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Rdf;

/// <summary>Runs the managed <see cref="VirtuosoServer"/> for the lifetime of a host; does nothing when <see cref="VirtuosoOptions.Managed"/> is false.</summary>
public sealed class VirtuosoHostedService(IOptions<VirtuosoOptions> options, ILogger<VirtuosoServer> logger) : IHostedService, IAsyncDisposable
{
    private readonly VirtuosoServer? _server = options.Value.Managed ? new VirtuosoServer(options.Value, logger) : null;

    public Task StartAsync(CancellationToken cancellationToken) => _server?.StartAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _server?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
