using Ledger.Contracts.Compliance;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Settlement;

/// <summary>
/// Cross-border settlement: the FX rate board, atomic payment-versus-payment against an EIP-712 FX quote,
/// two-phase escrow and HTLCs. A custodian (see <see cref="Consortium.IsCustodian"/>): it holds locked funds at
/// its own address and moves the signer's own tokens without an ERC-20 approve. Every lock (escrow, HTLC) ends in
/// exactly one final state, each transition moves the whole locked amount out, and a transition that fails
/// reverts the transaction, so custody always equals the sum of open locks.
/// </summary>
public sealed partial class SettlementModule : ModuleBase
{
    public const string ModuleName = "Settlement";

    /// <summary>The EIP-712 domain name of FX quotes.</summary>
    public const string DomainName = "Ledger Settlement";

    public const string DomainVersion = "1";

    private readonly Consortium _consortium;
    private readonly TransferPolicy _policy;

    public SettlementModule(TransferPolicy policy, Address address)
        : base(ModuleName, address, "Settlement.json")
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        _consortium = policy.Consortium;
        RegisterRateBoard();
        RegisterFx();
        RegisterEscrow();
        RegisterHtlc();
    }

    /// <summary>The EIP-712 domain of FX quotes on chain <paramref name="chainId"/>.</summary>
    public Eip712Domain Domain(ulong chainId) => new(DomainName, DomainVersion, chainId, Address);

    /// <summary>Nothing to write: the board, nonces and locks start empty.</summary>
    public override void InitializeGenesis(IModuleContext context)
    {
    }
}
