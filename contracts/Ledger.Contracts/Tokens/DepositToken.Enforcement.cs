using Ledger.Contracts.Compliance;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Tokens;

/// <summary>
/// The issuer's and the bank's enforcement powers (ERC-3643 practice): pause, partial freezes, forced transfers
/// under a legal reference, and the balance move of an account recovery.
/// </summary>
public sealed partial class DepositToken
{
    private EventDefinition _paused = null!;
    private EventDefinition _unpaused = null!;
    private EventDefinition _tokensFrozen = null!;
    private EventDefinition _tokensUnfrozen = null!;
    private EventDefinition _forcedTransfer = null!;
    private EventDefinition _balanceRecovered = null!;

    private void RegisterControls()
    {
        Register("paused()", 2_100, (c, ref _) => AbiWriter.EncodeBool((TokenStorage.Status(c, Address) & TokenStatus.Paused) != 0), view: true);
        Register("pause()", 25_000, (c, ref _) => SetPaused(c, paused: true));
        Register("unpause()", 25_000, (c, ref _) => SetPaused(c, paused: false));
        Register("getFrozenTokens(address)", 2_600, (c, ref a) => AbiWriter.EncodeUInt256(c.GetUInt256(TokenStorage.LockTag, a.ReadAddress("account"))), view: true);
        Register("freezePartialTokens(address,uint256)", 30_000, FreezePartialTokens);
        Register("unfreezePartialTokens(address,uint256)", 30_000, UnfreezePartialTokens);
        Register("forcedTransfer(address,address,uint256,bytes32)", 45_000, ForcedTransfer);
        Register("recoverBalance(address,address)", 30_000, RecoverBalance);
        Register("balancesOf(uint256,uint256)", 5_000, BalancesOf, view: true);
        _paused = DeclareEvent("Paused(address)");
        _unpaused = DeclareEvent("Unpaused(address)");
        _tokensFrozen = DeclareEvent("TokensFrozen(address,uint256)");
        _tokensUnfrozen = DeclareEvent("TokensUnfrozen(address,uint256)");
        _forcedTransfer = DeclareEvent("ForcedTransfer(address,address,uint256,bytes32)");
        _balanceRecovered = DeclareEvent("BalanceRecovered(address,address,uint256)");
        RegisterGuardian();
    }

    private byte[] SetPaused(IModuleContext context, bool paused)
    {
        RequireIssuer(context, paused ? $"pause {Symbol}" : $"unpause {Symbol}");
        var status = TokenStorage.Status(context, Address);
        if (((status & TokenStatus.Paused) != 0) == paused)
        {
            throw Revert($"{Symbol} is already {(paused ? "paused" : "unpaused")}");
        }

        SetStatus(context, paused ? status | TokenStatus.Paused : status & ~TokenStatus.Paused);
        Emit(context, paused ? _paused : _unpaused, AbiWriter.EncodeAddress(context.Caller));
        return [];
    }

    private byte[] FreezePartialTokens(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var amount = args.ReadUInt256("amount");
        RequireAuthorityOver(context, account, $"freeze {Symbol} of {account.ToChecksumString()}");
        if (amount.IsZero)
        {
            throw Revert("the amount to freeze must be greater than zero");
        }

        var balance = context.GetUInt256(TokenStorage.BalanceTag, account);
        var locked = context.GetUInt256(TokenStorage.LockTag, account);
        if (!UInt256.TryAdd(locked, amount, out var newLocked) || newLocked > balance)
        {
            throw Revert(
                $"cannot freeze {Format(amount)} of {account.ToChecksumString()}: it holds {Format(balance)}, of which {Format(locked)} is already frozen");
        }

        context.SetUInt256(TokenStorage.LockTag, account, newLocked);
        SetStatus(context, TokenStorage.Status(context, Address) | TokenStatus.AnyLock);
        Emit(context, _tokensFrozen, AbiWriter.EncodeUInt256(amount), AbiTopic.FromAddress(account));
        return [];
    }

    private byte[] UnfreezePartialTokens(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var amount = args.ReadUInt256("amount");
        RequireAuthorityOver(context, account, $"unfreeze {Symbol} of {account.ToChecksumString()}");
        var locked = context.GetUInt256(TokenStorage.LockTag, account);
        if (amount.IsZero || !UInt256.TrySubtract(locked, amount, out var newLocked))
        {
            throw Revert($"cannot unfreeze {Format(amount)} of {account.ToChecksumString()}: {Format(locked)} is frozen");
        }

        context.SetUInt256(TokenStorage.LockTag, account, newLocked);
        Emit(context, _tokensUnfrozen, AbiWriter.EncodeUInt256(amount), AbiTopic.FromAddress(account));
        return [];
    }

    /// <summary>
    /// An issuer moves funds under a legal order: pause, freezes, limits and guardians do not apply (the order
    /// overrides them), the frozen part shrinks to what is left, and the receiver must still be a verified account.
    /// </summary>
    private byte[] ForcedTransfer(IModuleContext context, ref AbiReader args)
    {
        var from = args.ReadAddress("from");
        var to = args.ReadAddress("to");
        var amount = args.ReadUInt256("amount");
        var legalReference = new Hash32(args.ReadBytes32("legalReference"));
        if (!IsApprovedRequest(context))
        {
            RequireIssuer(context, $"force a transfer of {Symbol}");
            throw NeedsFourEyes($"a forced transfer of {Symbol}", "Compliance.requestForcedTransfer(token, from, to, amount, legalReference)");
        }

        if (legalReference == Hash32.Zero)
        {
            throw Revert("a forced transfer needs a legal reference (the court order or case id as bytes32)");
        }

        if (from == Address || to == Address || to.IsZero || from == to)
        {
            throw Revert("a forced transfer moves between two different accounts (not the zero address or the escrow of held transfers)");
        }

        RequireNotCustodian(from, "forced transfer");
        RequireNotCustodian(to, "forced transfer");

        var receiver = _policy.EvaluateMint(context, _info, to, amount);
        if (receiver.Rule == TransferRule.ReceiverNotVerified)
        {
            throw Revert(_policy.Describe(context, _info, receiver, from, to, amount));
        }

        var balance = context.GetUInt256(TokenStorage.BalanceTag, from);
        if (!UInt256.TrySubtract(balance, amount, out var newBalance))
        {
            throw Revert($"transfer amount {Format(amount)} exceeds balance {Format(balance)} of {from.ToChecksumString()}");
        }

        Debit(context, from, newBalance);
        Credit(context, to, receiver.ToBalance, amount);
        Erc20Events.EmitTransfer(context, from, to, amount);
        Emit(context, _forcedTransfer, AbiWriter.EncodeUInt256(amount), AbiTopic.FromAddress(from), AbiTopic.FromAddress(to), legalReference);
        return AbiWriter.EncodeBool(true);
    }

    /// <summary>Called by the IdentityRegistry's recoverAccount: the balance, its frozen part and the day's spending follow the customer.</summary>
    private byte[] RecoverBalance(IModuleContext context, ref AbiReader args)
    {
        var lost = args.ReadAddress("lost");
        var replacement = args.ReadAddress("newAccount");
        if (context.Caller != _consortium.Registry)
        {
            throw Revert($"only the IdentityRegistry ({_consortium.Registry.ToChecksumString()}) calls recoverBalance, as part of recoverAccount");
        }

        var pending = context.GetUInt256(TokenStorage.HeldCountTag, lost);
        if (!pending.IsZero)
        {
            throw Revert(
                $"{lost.ToChecksumString()} has {pending} {Symbol} transfer(s) waiting for its guardian; its bank cancels them " +
                "(cancelHeldTransfer) before recovering the account");
        }

        var balance = context.GetUInt256(TokenStorage.BalanceTag, lost);
        var locked = context.GetUInt256(TokenStorage.LockTag, lost);
        if (!locked.IsZero)
        {
            context.SetUInt256(TokenStorage.LockTag, replacement, context.GetUInt256(TokenStorage.LockTag, replacement) + locked);
            context.SetUInt256(TokenStorage.LockTag, lost, UInt256.Zero);
        }

        var day = TokenStorage.Day(context.TimestampMs);
        var spent = TokenStorage.DailySpent(context, Address, lost, day);
        if (!spent.IsZero)
        {
            WriteDailySpent(context, replacement, day, spent);
        }

        if (!balance.IsZero)
        {
            context.SetUInt256(TokenStorage.BalanceTag, lost, UInt256.Zero);
            Credit(context, replacement, context.GetUInt256(TokenStorage.BalanceTag, replacement), balance);
            Erc20Events.EmitTransfer(context, lost, replacement, balance);
            Emit(context, _balanceRecovered, AbiWriter.EncodeUInt256(balance), AbiTopic.FromAddress(lost), AbiTopic.FromAddress(replacement));
        }

        return [];
    }

    private void RequireAuthorityOver(IModuleContext context, Address account, string action)
    {
        if (!IsAuthorityOver(context, account))
        {
            throw Revert(
                $"only an issuer of {Symbol}, the staff of the bank that registered {account.ToChecksumString()}, or the regulator may {action}; " +
                $"the caller is {context.Caller.ToChecksumString()}");
        }
    }
}
