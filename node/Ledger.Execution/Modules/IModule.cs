using Ledger.Core.Primitives;

namespace Ledger.Execution.Modules;

/// <summary>
/// A native "smart-contract-like" module at a fixed address, called with the Ethereum ABI (4-byte selector
/// then arguments). The host dispatches by address; the module dispatches by selector. Ledger.Node registers
/// the modules of Ledger.Contracts: the host knows none of them by name.
/// </summary>
public interface IModule
{
    /// <summary>Unique name, e.g. "IdentityRegistry" or "DepositToken:USDA".</summary>
    string Name { get; }

    Address Address { get; }

    /// <summary>The module's ABI JSON (the same text as contracts/abi/*.json), so clients can call it.</summary>
    string AbiJson { get; }

    /// <summary>
    /// Executes one call. Must be deterministic: read and write only through <paramref name="context"/>,
    /// no clock, no randomness, no I/O. Expected failures return <see cref="ModuleResult.Revert"/>; a thrown
    /// exception is a bug (the host turns it into a revert and logs it).
    /// </summary>
    ModuleResult Call(IModuleContext context, ReadOnlySpan<byte> input);

    /// <summary>Writes the module's genesis state (initial balances, identities) in the genesis context.</summary>
    void InitializeGenesis(IModuleContext context);
}
