using Ledger.Access;

namespace Ledger.JsonRpc;

/// <summary>
/// Who sent a JSON-RPC message and through which gate: set once per HTTP request or WebSocket connection, consulted
/// for every call (each call of a batch, each subscription kind). Null callers (benchmarks, in-process tests) are not
/// checked.
/// </summary>
public sealed record RpcCaller(AccessGate Gate, AccessPrincipal Principal, AccessSurface Surface, string? Remote);
