using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Tests.Support;

/// <summary>A logger factory whose loggers keep every entry, for tests that assert what was (not) logged.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    public IEnumerable<string> AtOrAbove(LogLevel level) => Entries.Where(e => e.Level >= level).Select(e => $"{e.Level} {e.Message}");

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Entries.Enqueue((logLevel, "", formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }

    public void Dispose()
    {
    }
}
