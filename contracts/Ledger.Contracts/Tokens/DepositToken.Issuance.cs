using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Tokens;

/// <summary>Issuer-only supply changes: mint on deposit, burn on redemption; both keep minted/burned totals.</summary>
public sealed partial class DepositToken
{
    private byte[] Mint(IModuleContext context, ref AbiReader args)
    {
        var to = args.ReadAddress("to");
        var amount = args.ReadUInt256("amount");
        RequireIssuer(context, "mint");
        if (to.IsZero)
        {
            throw Revert("mint to the zero address");
        }

        if (amount.IsZero)
        {
            throw Revert("mint amount must be greater than zero");
        }

        RequireVerified(context, to, "receiver");

        var supply = context.GetUInt256(TotalSupplyTag);
        if (!UInt256.TryAdd(supply, amount, out var newSupply))
        {
            throw Revert($"mint of {Format(amount)} would overflow the total supply of {Format(supply)}");
        }

        var minted = context.GetUInt256(MintedTag);
        if (!UInt256.TryAdd(minted, amount, out var newMinted))
        {
            throw Revert($"mint of {Format(amount)} would overflow the minted total of {Format(minted)}");
        }

        var balance = context.GetUInt256(BalanceTag, to);
        if (!UInt256.TryAdd(balance, amount, out var newBalance))
        {
            throw Revert($"mint of {Format(amount)} would overflow the balance of {to.ToChecksumString()}");
        }

        context.SetUInt256(TotalSupplyTag, newSupply);
        context.SetUInt256(MintedTag, newMinted);
        context.SetUInt256(BalanceTag, to, newBalance);
        Erc20Events.EmitTransfer(context, Address.Zero, to, amount);
        return [];
    }

    private byte[] Burn(IModuleContext context, ref AbiReader args)
    {
        var from = args.ReadAddress("from");
        var amount = args.ReadUInt256("amount");
        RequireIssuer(context, "burn");
        if (from.IsZero)
        {
            throw Revert("burn from the zero address");
        }

        if (amount.IsZero)
        {
            throw Revert("burn amount must be greater than zero");
        }

        var balance = context.GetUInt256(BalanceTag, from);
        if (!UInt256.TrySubtract(balance, amount, out var newBalance))
        {
            throw Revert($"burn amount {Format(amount)} exceeds balance {Format(balance)} of {from.ToChecksumString()}");
        }

        var supply = context.GetUInt256(TotalSupplyTag);
        var burned = context.GetUInt256(BurnedTag);
        if (!UInt256.TrySubtract(supply, amount, out var newSupply) || !UInt256.TryAdd(burned, amount, out var newBurned))
        {
            // Unreachable while balance ≤ supply and burned ≤ minted; a guard against corrupted state.
            throw Revert($"burn of {Format(amount)} is inconsistent with total supply {Format(supply)}");
        }

        context.SetUInt256(BalanceTag, from, newBalance);
        context.SetUInt256(TotalSupplyTag, newSupply);
        context.SetUInt256(BurnedTag, newBurned);
        Erc20Events.EmitTransfer(context, from, Address.Zero, amount);
        return [];
    }
}
