using System.Buffers.Binary;
using Ledger.Contracts.Compliance;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Settlement;

/// <summary>
/// How the module moves tokens: nested calls to the deposit token with the module as caller, so every movement
/// passes the token's own transfer rules and emits its Transfer event. A refused movement reverts the whole
/// transaction with the token's reason, which undoes every write made before it (all or nothing).
/// </summary>
public sealed partial class SettlementModule
{
    private static readonly uint TransferSelector = AbiSelector.Of("transfer(address,uint256)");
    private static readonly uint TransferFromSelector = AbiSelector.Of("transferFrom(address,address,uint256)");
    private static readonly uint CurrencySelector = AbiSelector.Of("currency()");

    /// <summary>The consortium's deposit token at <paramref name="token"/>, or a revert naming the argument.</summary>
    private TokenInfo TokenOf(Address token, string role) =>
        _consortium.FindToken(token)
        ?? throw Revert($"{role} {token.ToChecksumString()} is not a deposit token of this consortium");

    /// <summary>The ISO 4217 currency of a deposit token, asked of the token itself (its genesis configuration).</summary>
    private static string CurrencyOf(IModuleContext context, TokenInfo token)
    {
        Span<byte> call = stackalloc byte[AbiSelector.Length];
        BinaryPrimitives.WriteUInt32BigEndian(call, CurrencySelector);
        var result = context.CallModule(token.Address, call);
        if (!result.Success)
        {
            throw Revert($"could not read the currency of {token.Symbol}: {result.RevertReason}");
        }

        return new AbiReader(result.Output, "currency()").ReadString("currency");
    }

    /// <summary>Takes <paramref name="amount"/> of the signer's tokens into custody (no approve: the signer called this module).</summary>
    private void PullIntoCustody(IModuleContext context, TokenInfo token, Address from, UInt256 amount, string what) =>
        CallToken(context, token, new AbiWriter(3).WriteAddress(from).WriteAddress(Address).WriteUInt256(amount).ToCallData(TransferFromSelector), what);

    /// <summary>Pays <paramref name="amount"/> out of custody to <paramref name="to"/> (the receiver's side of the rules applies).</summary>
    private void PayOut(IModuleContext context, TokenInfo token, Address to, UInt256 amount, string what) =>
        CallToken(context, token, new AbiWriter(2).WriteAddress(to).WriteUInt256(amount).ToCallData(TransferSelector), what);

    /// <summary>Moves tokens between two customers: the signer's own without approve, anyone else's against its allowance to this module.</summary>
    private static void MoveBetween(IModuleContext context, TokenInfo token, Address from, Address to, UInt256 amount, string what) =>
        CallToken(context, token, new AbiWriter(3).WriteAddress(from).WriteAddress(to).WriteUInt256(amount).ToCallData(TransferFromSelector), what);

    private static void CallToken(IModuleContext context, TokenInfo token, byte[] call, string what)
    {
        var result = context.CallModule(token.Address, call);
        if (!result.Success)
        {
            throw Revert($"{what} failed on {token.Symbol}: {result.RevertReason}");
        }

        if (result.Output.Length != 32 || result.Output[31] != 1)
        {
            // A deposit token returns true or reverts; anything else is a module bug.
            throw new InvalidOperationException($"{token.Symbol} returned neither true nor a revert for {what}");
        }
    }

    /// <summary>
    /// The party rules between payer and beneficiary (both verified, neither frozen, the corridor between their
    /// jurisdictions open): a payment through custody crosses borders as much as a direct transfer does.
    /// </summary>
    private void RequireParties(IModuleContext context, TokenInfo token, Address payer, Address beneficiary, string what)
    {
        var verdict = _policy.Evaluate(context, token, payer, beneficiary, UInt256.Zero);
        // With a zero amount only the party rules can refuse, except a receiver already above its maximum balance of
        // this token, which says nothing about the payment (it may be in another token).
        if (!verdict.IsAllowed && verdict.Rule != TransferRule.MaxBalance)
        {
            throw Revert($"{what} refused: {_policy.Describe(context, token, verdict, payer, beneficiary, UInt256.Zero)}");
        }
    }

    /// <summary>The full transfer rule for a lock payer → beneficiary of <paramref name="amount"/>, checked when the lock is made.</summary>
    private void RequireTransferAllowed(IModuleContext context, TokenInfo token, Address payer, Address beneficiary, UInt256 amount, string what)
    {
        var verdict = _policy.Evaluate(context, token, payer, beneficiary, amount);
        if (!verdict.IsAllowed)
        {
            throw Revert($"{what} refused: {_policy.Describe(context, token, verdict, payer, beneficiary, amount)}");
        }
    }

    private static void RequirePositive(TokenInfo token, UInt256 amount, string what) =>
        Require(!amount.IsZero, $"{what}: the amount of {token.Symbol} must be above zero");

    /// <summary>Reads the next id of a counter (1, 2, …) and stores it.</summary>
    private static ulong NextId(IModuleContext context, byte counterTag)
    {
        var last = context.GetUInt256(counterTag);
        if (!last.FitsInUInt64 || last.ToUInt64() == ulong.MaxValue)
        {
            throw Revert("no more ids: the counter is exhausted");
        }

        var id = last.ToUInt64() + 1;
        context.SetUInt256(counterTag, id);
        return id;
    }
}
