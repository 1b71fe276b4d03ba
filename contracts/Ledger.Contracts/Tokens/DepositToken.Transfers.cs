using Ledger.Contracts.Compliance;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Tokens;

/// <summary>The ERC-20 movements (transfer, approve, transferFrom) and batchTransfer, all through <see cref="Move"/>.</summary>
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
        context.SetUInt256(TokenStorage.AllowanceTag, context.Caller, spender, amount);
        Erc20Events.EmitApproval(context, context.Caller, spender, amount);
        return AbiWriter.EncodeBool(true);
    }

    private byte[] TransferFrom(IModuleContext context, ref AbiReader args)
    {
        var from = args.ReadAddress("from");
        var to = args.ReadAddress("to");
        var amount = args.ReadUInt256("amount");
        var spender = context.Caller;
        if (from == context.Origin && _consortium.IsCustodian(spender))
        {
            // A system payment module (Settlement, Merchant) moving the signer's own tokens in a call the signer made
            // to it: the call itself is the authorisation, so paying an invoice takes one transaction, not approve + pay.
            Move(context, from, to, amount);
            return AbiWriter.EncodeBool(true);
        }

        var allowance = context.GetUInt256(TokenStorage.AllowanceTag, from, spender);
        if (!UInt256.TrySubtract(allowance, amount, out var remaining))
        {
            throw Revert(
                $"transfer amount {Format(amount)} exceeds allowance {Format(allowance)} that " +
                $"{from.ToChecksumString()} granted to {spender.ToChecksumString()}");
        }

        // An allowance of 2^256−1 means "unlimited" and is not spent down (OpenZeppelin's convention).
        if (allowance != UInt256.MaxValue)
        {
            context.SetUInt256(TokenStorage.AllowanceTag, from, spender, remaining);
        }

        Move(context, from, to, amount);
        return AbiWriter.EncodeBool(true);
    }

    /// <summary>Payroll-style: every item moves or none does (a failed item reverts the whole transaction).</summary>
    private byte[] BatchTransfer(IModuleContext context, ReadOnlySpan<byte> arguments)
    {
        const string Function = "batchTransfer(address[],uint256[])";
        var recipients = AbiArrays.ReadAddresses(arguments, 0, Function, "to");
        var amounts = AbiArrays.ReadUInt256s(arguments, 1, Function, "amounts");
        CheckBatch(recipients.Length, amounts.Length, "batchTransfer");
        ChargeGas((ulong)recipients.Length * 25_000);
        for (var i = 0; i < recipients.Length; i++)
        {
            try
            {
                Move(context, context.Caller, recipients[i], amounts[i]);
            }
            catch (RevertException e)
            {
                throw Revert($"batchTransfer item {i} (to {recipients[i].ToChecksumString()}): {e.Message}; nothing was transferred");
            }
        }

        return AbiWriter.EncodeBool(true);
    }

    /// <summary>
    /// Moves <paramref name="amount"/> from → to under the consortium's transfer rules, or holds it in this token's
    /// own address when the sender's guardian must approve it. Emits Transfer (and TransferHeld).
    /// </summary>
    private void Move(IModuleContext context, Address from, Address to, UInt256 amount)
    {
        var verdict = _policy.Evaluate(context, _info, from, to, amount);
        if (!verdict.IsAllowed)
        {
            throw Revert(_policy.Describe(context, _info, verdict, from, to, amount));
        }

        context.SetUInt256(TokenStorage.BalanceTag, from, verdict.FromBalance - amount);
        if (verdict.TrackDaily)
        {
            WriteDailySpent(context, from, verdict.Day, verdict.DailySpentAfter);
        }

        if (verdict.Rule == TransferRule.Held)
        {
            Hold(context, from, to, amount);
            return;
        }

        Credit(context, to, verdict.ToBalance, amount);
        Erc20Events.EmitTransfer(context, from, to, amount);
    }

    private static void WriteDailySpent(IModuleContext context, Address account, ulong day, UInt256 spent)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, TokenStorage.DailyTag, account);
        Span<byte> value = stackalloc byte[8 + UInt256.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(value, day);
        spent.WriteBigEndian(value[8..]);
        context.SetStorage(key, value);
    }

    private static void CheckBatch(int recipients, int amounts, string function)
    {
        if (recipients != amounts)
        {
            throw Revert($"{function}: {recipients} recipients but {amounts} amounts; the arrays must have equal length");
        }

        if (recipients is 0 or > MaxBatch)
        {
            throw Revert($"{function}: {recipients} items; a batch has 1 to {MaxBatch}");
        }
    }
}
