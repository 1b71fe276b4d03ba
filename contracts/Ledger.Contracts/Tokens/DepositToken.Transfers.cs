using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Tokens;

/// <summary>The ERC-20 movements: transfer, approve, transferFrom.</summary>
public sealed partial class DepositToken
{
    private byte[] Transfer(IModuleContext context, ref AbiReader args)
    {
        var to = args.ReadAddress("to");
        var amount = args.ReadUInt256("amount");
        Move(context, context.Caller, to, amount);
        return AbiWriter.EncodeBool(true);
    }

    private byte[] Approve(IModuleContext context, ref AbiReader args)
    {
        var spender = args.ReadAddress("spender");
        var amount = args.ReadUInt256("amount");
        if (spender.IsZero)
        {
            throw Revert("approve to the zero address");
        }

        // Approve sets (never adds), as ERC-20 specifies; approving while holding nothing is allowed.
        context.SetUInt256(AllowanceTag, context.Caller, spender, amount);
        Erc20Events.EmitApproval(context, context.Caller, spender, amount);
        return AbiWriter.EncodeBool(true);
    }

    private byte[] TransferFrom(IModuleContext context, ref AbiReader args)
    {
        var from = args.ReadAddress("from");
        var to = args.ReadAddress("to");
        var amount = args.ReadUInt256("amount");
        var spender = context.Caller;

        var allowance = context.GetUInt256(AllowanceTag, from, spender);
        if (!UInt256.TrySubtract(allowance, amount, out var remaining))
        {
            throw Revert(
                $"transfer amount {Format(amount)} exceeds allowance {Format(allowance)} that " +
                $"{from.ToChecksumString()} granted to {spender.ToChecksumString()}");
        }

        // An allowance of 2^256−1 means "unlimited" and is not spent down (OpenZeppelin's convention).
        if (allowance != UInt256.MaxValue)
        {
            context.SetUInt256(AllowanceTag, from, spender, remaining);
        }

        Move(context, from, to, amount);
        return AbiWriter.EncodeBool(true);
    }

    /// <summary>Moves <paramref name="amount"/> between two verified accounts and emits Transfer.</summary>
    private void Move(IModuleContext context, Address from, Address to, UInt256 amount)
    {
        if (to.IsZero)
        {
            throw Revert("transfer to the zero address");
        }

        RequireVerified(context, from, "sender");
        RequireVerified(context, to, "receiver");

        var fromBalance = context.GetUInt256(BalanceTag, from);
        if (!UInt256.TrySubtract(fromBalance, amount, out var newFromBalance))
        {
            throw Revert($"transfer amount {Format(amount)} exceeds balance {Format(fromBalance)} of {from.ToChecksumString()}");
        }

        context.SetUInt256(BalanceTag, from, newFromBalance);

        // Read the receiver after the debit so a transfer to oneself nets to zero.
        var toBalance = context.GetUInt256(BalanceTag, to);
        if (!UInt256.TryAdd(toBalance, amount, out var newToBalance))
        {
            // Unreachable while the supply invariant holds (every balance ≤ totalSupply); kept as a guard.
            throw Revert($"balance of {to.ToChecksumString()} would overflow");
        }

        context.SetUInt256(BalanceTag, to, newToBalance);
        Erc20Events.EmitTransfer(context, from, to, amount);
    }
}
