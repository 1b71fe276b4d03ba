using Ledger.JsonRpc;

namespace Ledger.Node.Api;

/// <summary>
/// What the gRPC API needs from a node: the backend JSON-RPC also uses (one source of truth for admission and
/// queries) and a way to wait for the next block, so <c>WatchTransaction</c> wakes on commits instead of polling.
/// </summary>
/// <param name="WaitForBlock">Completes when the head is at least the given number.</param>
public sealed record LedgerApiContext(ILedgerBackend Backend, Func<ulong, CancellationToken, Task> WaitForBlock);
