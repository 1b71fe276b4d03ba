using Ledger.LoadGen;

// ledger-loadgen: TPS and submit-to-commit latency of token transfers through JSON-RPC. See LoadGenOptions.Usage.
LoadGenOptions options;
try
{
    options = LoadGenOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine(LoadGenOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var log = Console.Error;
SpawnedNodes? node = null;
try
{
    if (options.SpawnDev)
    {
        node = SpawnedNodes.Start(options.BlockIntervalMs, log);
    }
    else if (options.SpawnTestnet)
    {
        node = SpawnedNodes.StartTestnet(log);
    }

    var report = await LoadRun.RunAsync(options, node?.RpcUrls ?? options.RpcUrls, log, cancel.Token);
    var json = report.ToJson();
    Console.WriteLine(json);
    if (options.OutFile is { } outFile)
    {
        await File.WriteAllTextAsync(outFile, json + Environment.NewLine);
        log.WriteLine($"wrote {outFile}");
    }

    // Non-zero when the node accepted transfers that it never committed: that is a bug, not a slow node.
    return report.Uncommitted > 0 ? 3 : 0;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or FileNotFoundException
    or Ledger.LoadGen.Rpc.JsonRpcException or OperationCanceledException)
{
    log.WriteLine($"error: {ex.Message}");
    return 1;
}
finally
{
    node?.Dispose();
}
