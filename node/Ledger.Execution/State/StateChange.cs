using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

/// <summary>One write of a block: (namespace, key) set to <see cref="Value"/>, or deleted when it is null.</summary>
public readonly record struct StateChange(Address Namespace, byte[] Key, byte[]? Value)
{
    public bool IsDelete => Value is null;
}
