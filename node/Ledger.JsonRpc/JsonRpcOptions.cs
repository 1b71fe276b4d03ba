namespace Ledger.JsonRpc;

/// <summary>Limits of the JSON-RPC endpoint. Each bounds the work or memory one request can cost the node.</summary>
public sealed record JsonRpcOptions
{
    /// <summary>Largest request body accepted; a larger one is answered with HTTP 413. Default 5 MiB.</summary>
    public int MaxRequestBodyBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Most requests in one batch; a larger batch is refused whole with -32600. Default 1000.</summary>
    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>Most blocks one eth_getLogs may scan (toBlock - fromBlock + 1); beyond it -32005. Default 10,000.</summary>
    public ulong MaxLogBlockRange { get; init; } = 10_000;

    /// <summary>Most logs one eth_getLogs may return; beyond it -32005. Default 10,000.</summary>
    public int MaxLogResults { get; init; } = 10_000;

    /// <summary>Throws if a limit is not positive, so a misconfigured node fails at start, not on first use.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRequestBodyBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchSize);
        ArgumentOutOfRangeException.ThrowIfZero(MaxLogBlockRange);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLogResults);
    }
}
