using Ledger.Contracts.Compliance;
using Ledger.Contracts.Identity;
using Ledger.Contracts.Validators;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Pool;
using Ledger.Execution.State;

namespace Ledger.Contracts;

/// <summary>
/// The pool's admission rule for senders (DESIGN.md §2: only accounts a bank registered may transact): a sender
/// needs an identity in the IdentityRegistry that its bank has not revoked (an expired KYC still passes: the
/// transfer rules say what such an account may do), or a role — bank operator, compliance officer, regulator — or a
/// seat in the latest validator set (validators sign their votes as transactions). Reads state directly, as the
/// tokens do: two or three key lookups per admission. A genesis without an IdentityRegistry has no one to register
/// anybody, so it admits every sender.
/// </summary>
public sealed class PermissionedSenders : ISenderPolicy
{
    private readonly Address? _registry;
    private readonly Address? _compliance;
    private readonly ValidatorSetHistory? _validators;
    private readonly IReadOnlyList<ValidatorConfig> _genesisValidators;

    public PermissionedSenders(GenesisConfig genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        _registry = genesis.Modules.TryGetValue(IdentityRegistry.ModuleName, out var registry) ? registry : null;
        _compliance = genesis.Modules.TryGetValue(ComplianceModule.ModuleName, out var compliance) ? compliance : null;
        _validators = ValidatorSetHistory.FromGenesis(genesis);
        _genesisValidators = genesis.Validators;
    }

    public string? Refusal(IStateView state, Address sender)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_registry is not { } registry)
        {
            return null;
        }

        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, IdentityStorage.IdentityTag, sender);
        if (state.Get(registry, key) is { } identity)
        {
            return IdentityRecord.IsRevoked(identity)
                ? $"sender {sender.ToChecksumString()} is not permitted: its bank revoked its registration"
                : null;
        }

        if (_compliance is { } compliance && HoldsRole(state, compliance, sender, key))
        {
            return null;
        }

        if (IsValidator(state, sender))
        {
            return null;
        }

        return $"sender {sender.ToChecksumString()} is not registered with any bank of this network: "
            + "ask a bank to register the account (KYC) before sending transactions";
    }

    private static bool HoldsRole(IStateView state, Address compliance, Address sender, Span<byte> key)
    {
        ModuleStorage.WriteKey(key, ComplianceStorage.StaffTag, sender);
        if (state.Get(compliance, key) is { Length: 2 } staff && staff[0] != (byte)StaffRoles.None)
        {
            return true;
        }

        return state.Get(compliance, [ComplianceStorage.RegulatorTag]) is { Length: Address.Length } regulator && new Address(regulator) == sender;
    }

    private bool IsValidator(IStateView state, Address sender)
    {
        var set = _validators?.Latest(state) ?? _genesisValidators;
        for (var i = 0; i < set.Count; i++)
        {
            if (set[i].Address == sender)
            {
                return true;
            }
        }

        return false;
    }
}
