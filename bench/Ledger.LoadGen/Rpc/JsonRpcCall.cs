namespace Ledger.LoadGen.Rpc;

/// <summary>A method and its positional parameters (strings, numbers, booleans, or objects serialized as JSON).</summary>
public sealed record JsonRpcCall(string Method, params object?[] Parameters);
