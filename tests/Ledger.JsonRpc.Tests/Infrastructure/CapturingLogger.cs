using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ledger.JsonRpc.Tests.Infrastructure;

/// <summary>A logger that keeps every entry (level, event id, message, exception) for assertions.</summary>
public sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message, Exception? Exception)> Entries { get; } = new();

    public IEnumerable<string> AtOrAbove(LogLevel level) =>
        Entries.Where(e => e.Level >= level).Select(e => $"{e.Level} {e.Id.Id}: {e.Message} {e.Exception}");

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Entries.Enqueue((logLevel, eventId, formatter(state, exception), exception));
    }
}
