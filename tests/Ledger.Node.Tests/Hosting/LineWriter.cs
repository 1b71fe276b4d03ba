using System.Text;

namespace Ledger.Node.Tests.Hosting;

/// <summary>A TextWriter that hands complete lines to waiters, like a harness reading a child's standard output.</summary>
internal sealed class LineWriter : TextWriter
{
    private readonly StringBuilder _pending = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _lines = [];

    public override Encoding Encoding => Encoding.UTF8;

    public Task<string> ReadyLine => _ready.Task;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public override void Write(char value)
    {
        lock (_lines)
        {
            if (value != '\n')
            {
                _pending.Append(value);
                return;
            }

            var line = _pending.ToString();
            _pending.Clear();
            _lines.Add(line);
            if (line.StartsWith("ledger ready ", StringComparison.Ordinal))
            {
                _ready.TrySetResult(line);
            }
        }
    }
}
