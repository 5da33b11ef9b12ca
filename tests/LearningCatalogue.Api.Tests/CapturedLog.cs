using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LearningCatalogue.Api.Tests;

/// <summary>A logger provider that keeps every event with its structured properties, for tests to read.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    public sealed record Event(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties);

    private readonly ConcurrentQueue<Event> _events = new();

    public IReadOnlyCollection<Event> Events => _events;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : new Dictionary<string, object?>();
            log._events.Enqueue(new Event(category, logLevel, formatter(state, exception), properties));
        }
    }
}
