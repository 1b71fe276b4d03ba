using System.Diagnostics;
using Ledger.IntegrationTests.Infrastructure;

namespace Ledger.IntegrationTests;

/// <summary>Runs the built `ledger-wallet` as a user would (`dotnet ledger-wallet.dll …`), stdout and stderr apart.</summary>
public static class WalletRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>wallet-cli/Ledger.Wallet/bin/&lt;Configuration&gt;/net10.0/ledger-wallet.dll (built first: see the csproj).</summary>
    public static string WalletDll
    {
        get
        {
            var path = Path.Combine(RepoPaths.Root, "wallet-cli", "Ledger.Wallet", "bin", RepoPaths.Configuration, "net10.0", "ledger-wallet.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"the wallet is not built: {path} is missing (run `dotnet build wallet-cli/Ledger.Wallet -c {RepoPaths.Configuration}`)");
        }
    }

    public static async Task<WalletRun> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WalletDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("LEDGER_WALLET_PASSWORD");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close(); // a script: no terminal, no prompt
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ledger-wallet {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds:0} s");
        }

        return new WalletRun(process.ExitCode, await output, await error);
    }
}

public sealed record WalletRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
