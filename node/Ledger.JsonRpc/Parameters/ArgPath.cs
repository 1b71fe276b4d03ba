namespace Ledger.JsonRpc.Parameters;

/// <summary>
/// Where a value sits in the params ("argument 0", "argument 0, field to"), formatted only when an error is
/// raised so the success path builds no strings.
/// </summary>
public readonly record struct ArgPath(int Index, string? Field = null)
{
    public ArgPath WithField(string field) => new(Index, Field is null ? field : Field + "." + field);

    public JsonRpcException Error(string problem) => JsonRpcException.InvalidParams(
        Field is null ? $"invalid argument {Index}: {problem}" : $"invalid argument {Index}: field \"{Field}\": {problem}");
}
