using System.Diagnostics;
using System.Globalization;
using Ledger.Core.Primitives;

namespace Ledger.Node.Cli;

/// <summary>One <c>ledger run</c> child of <c>ledger testnet</c>.</summary>
internal sealed class TestnetChild : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestnetChild(string bank, Address address, byte[] key, Process process)
    {
        Bank = bank;
        Address = address;
        Key = key;
        _process = process;
    }

    public string Bank { get; }

    public Address Address { get; }

    public byte[] Key { get; }

    /// <summary>The child's ready line (its endpoints).</summary>
    public Task<string> Ready => _ready.Task;

    public Task Exited => _exited.Task;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static TestnetChild Start(string bank, Address address, byte[] key, ProcessStartInfo start, Action<string, string> forward)
    {
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new TestnetChild(bank, address, key, process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, forward);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, forward);
        process.Exited += (_, _) =>
        {
            child._ready.TrySetException(new InvalidOperationException($"{bank} exited before it was ready"));
            child._exited.TrySetResult();
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGTERM: the node finishes its in-flight commit and closes its database.</summary>
    public void Terminate()
    {
        if (_process.HasExited)
        {
            return;
        }

        try
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async Task WaitOrKillAsync(TimeSpan timeout)
    {
        try
        {
            await _exited.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _process.Dispose();

    private void OnLine(string? line, Action<string, string> forward)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("ledger ready ", StringComparison.Ordinal))
        {
            _ready.TrySetResult(line["ledger ready ".Length..]);
        }

        forward(Bank, line);
    }
}
