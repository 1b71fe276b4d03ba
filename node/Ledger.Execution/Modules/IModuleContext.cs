using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Execution.Modules;

/// <summary>
/// What a module sees of the world during one call: who called, the block, its own and other modules'
/// storage, logs and calls to other modules. Writes land in the transaction's staging overlay and reach the
/// block only if the whole transaction succeeds.
/// </summary>
public interface IModuleContext
{
    /// <summary>The immediate caller: the transaction sender, or the calling module for inter-module calls.</summary>
    Address Caller { get; }

    /// <summary>The externally owned account that signed the transaction (eth_call: the "from").</summary>
    Address Origin { get; }

    /// <summary>The address of the module being executed.</summary>
    Address Self { get; }

    ulong BlockNumber { get; }

    ulong TimestampMs { get; }

    /// <summary>True for eth_call and views: any write or log reverts the call.</summary>
    bool IsReadOnly { get; }

    /// <summary>The chain id, e.g. for EIP-712 domains.</summary>
    ulong ChainId { get; }

    byte[]? GetStorage(Address module, ReadOnlySpan<byte> key);

    /// <summary>Writes the calling module's own storage (<see cref="Self"/>); an empty value deletes the key.</summary>
    void SetStorage(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);

    void EmitLog(IReadOnlyList<Hash32> topics, byte[] data);

    /// <summary>Calls another module with <see cref="Caller"/> = this module. Its writes and logs join this call's.</summary>
    ModuleResult CallModule(Address target, ReadOnlySpan<byte> input);
}
