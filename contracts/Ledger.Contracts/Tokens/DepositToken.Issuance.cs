using Ledger.Contracts.Compliance;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Tokens;

/// <summary>
/// Supply changes: mint against a fiat deposit and burn by an issuer, redeem by a holder. The reference forms
/// record a bytes32 reference (the core-banking transaction id) that is unique per token and appears in the
/// Minted/Burned/Redeemed event, so the bank reconciles the ledger against its books. The reference-less
/// mint/burn remain for plain ERC-20 tooling.
/// </summary>
public sealed partial class DepositToken
{
    private const byte MintReference = 1;
    private const byte BurnReference = 2;
    private const byte RedeemReference = 3;

    private EventDefinition _minted = null!;
    private EventDefinition _burned = null!;
    private EventDefinition _redeemed = null!;

    private void RegisterIssuance()
    {
        Register("totalMinted()", 2_100, (c, ref _) => AbiWriter.EncodeUInt256(c.GetUInt256(TokenStorage.MintedTag)), view: true);
        Register("totalBurned()", 2_100, (c, ref _) => AbiWriter.EncodeUInt256(c.GetUInt256(TokenStorage.BurnedTag)), view: true);
        Register("totalRedeemed()", 2_100, (c, ref _) => AbiWriter.EncodeUInt256(c.GetUInt256(TokenStorage.RedeemedTag)), view: true);
        Register("supplyInfo()", 12_600, SupplyInfo, view: true);
        Register("isReferenceUsed(bytes32)", 2_600, IsReferenceUsed, view: true);
        Register("mint(address,uint256)", 35_000, (c, ref a) => Mint(c, ref a, withReference: false));
        Register("mint(address,uint256,bytes32)", 40_000, (c, ref a) => Mint(c, ref a, withReference: true));
        Register("burn(address,uint256)", 30_000, (c, ref a) => Burn(c, ref a, withReference: false));
        Register("burn(address,uint256,bytes32)", 35_000, (c, ref a) => Burn(c, ref a, withReference: true));
        Register("redeem(uint256,bytes32)", 35_000, Redeem);
        RegisterRaw("batchMint(address[],uint256[],bytes32)", 15_000, BatchMint);
        _minted = DeclareEvent("Minted(address,uint256,bytes32)");
        _burned = DeclareEvent("Burned(address,uint256,bytes32)");
        _redeemed = DeclareEvent("Redeemed(address,uint256,bytes32)");
    }

    private byte[] Mint(IModuleContext context, ref AbiReader args, bool withReference)
    {
        var to = args.ReadAddress("to");
        var amount = args.ReadUInt256("amount");
        var reference = withReference ? new Hash32(args.ReadBytes32("reference")) : Hash32.Zero;
        if (!IsApprovedRequest(context))
        {
            RequireIssuer(context, $"mint {Symbol}");
            RequireSingleStepMint(amount, "mint");
        }

        if (withReference)
        {
            UseReference(context, reference, MintReference);
        }

        MintTo(context, to, amount, reference, withReference);
        return [];
    }

    private byte[] BatchMint(IModuleContext context, ReadOnlySpan<byte> arguments)
    {
        const string Function = "batchMint(address[],uint256[],bytes32)";
        var recipients = AbiArrays.ReadAddresses(arguments, 0, Function, "to");
        var amounts = AbiArrays.ReadUInt256s(arguments, 1, Function, "amounts");
        var reference = new Hash32(AbiArrays.HeadWord(arguments, 2, Function, "reference"));
        RequireIssuer(context, $"mint {Symbol}");
        CheckBatch(recipients.Length, amounts.Length, "batchMint");
        var total = UInt256.Zero;
        foreach (var amount in amounts)
        {
            total = UInt256.TryAdd(total, amount, out var sum) ? sum : UInt256.MaxValue;
        }

        RequireSingleStepMint(total, "batchMint");
        ChargeGas((ulong)recipients.Length * 30_000);
        UseReference(context, reference, MintReference);
        for (var i = 0; i < recipients.Length; i++)
        {
            try
            {
                MintTo(context, recipients[i], amounts[i], reference, withEvent: true);
            }
            catch (RevertException e)
            {
                throw Revert($"batchMint item {i} (to {recipients[i].ToChecksumString()}): {e.Message}; nothing was minted");
            }
        }

        return [];
    }

    private void MintTo(IModuleContext context, Address to, UInt256 amount, Hash32 reference, bool withEvent)
    {
        if (to.IsZero)
        {
            throw Revert("mint to the zero address");
        }

        if (amount.IsZero)
        {
            throw Revert("mint amount must be greater than zero");
        }

        var verdict = _policy.EvaluateMint(context, _info, to, amount);
        if (!verdict.IsAllowed)
        {
            throw Revert(_policy.Describe(context, _info, verdict, Address.Zero, to, amount));
        }

        var supply = context.GetUInt256(TokenStorage.TotalSupplyTag);
        if (!UInt256.TryAdd(supply, amount, out var newSupply))
        {
            throw Revert($"mint of {Format(amount)} would overflow the total supply of {Format(supply)}");
        }

        var minted = context.GetUInt256(TokenStorage.MintedTag);
        if (!UInt256.TryAdd(minted, amount, out var newMinted))
        {
            throw Revert($"mint of {Format(amount)} would overflow the minted total of {Format(minted)}");
        }

        context.SetUInt256(TokenStorage.TotalSupplyTag, newSupply);
        context.SetUInt256(TokenStorage.MintedTag, newMinted);
        Credit(context, to, verdict.ToBalance, amount);
        Erc20Events.EmitTransfer(context, Address.Zero, to, amount);
        if (withEvent)
        {
            Emit(context, _minted, AbiWriter.EncodeUInt256(amount), AbiTopic.FromAddress(to), reference);
        }
    }

    private byte[] Burn(IModuleContext context, ref AbiReader args, bool withReference)
    {
        var from = args.ReadAddress("from");
        var amount = args.ReadUInt256("amount");
        var reference = withReference ? new Hash32(args.ReadBytes32("reference")) : Hash32.Zero;
        if (from.IsZero || from == Address)
        {
            throw Revert(from.IsZero ? "burn from the zero address" : "burn from the escrow of held transfers; return or release them instead");
        }

        RequireNotCustodian(from, "burn");
        if (!IsApprovedRequest(context))
        {
            RequireIssuer(context, $"burn {Symbol}");
            if (from != context.Caller)
            {
                // An issuer burns its own holdings alone; a customer's take two officers (four-eyes).
                throw NeedsFourEyes(
                    $"a burn of {Symbol} from {from.ToChecksumString()}",
                    $"Compliance.requestBurn(token, from, amount, reference)");
            }
        }

        if (amount.IsZero)
        {
            throw Revert("burn amount must be greater than zero");
        }

        if (withReference)
        {
            UseReference(context, reference, BurnReference);
        }

        var balance = context.GetUInt256(TokenStorage.BalanceTag, from);
        if (!UInt256.TrySubtract(balance, amount, out var newBalance))
        {
            throw Revert($"burn amount {Format(amount)} exceeds balance {Format(balance)} of {from.ToChecksumString()}");
        }

        Debit(context, from, newBalance);
        Reduce(context, TokenStorage.TotalSupplyTag, amount);
        context.SetUInt256(TokenStorage.BurnedTag, context.GetUInt256(TokenStorage.BurnedTag) + amount);
        Erc20Events.EmitTransfer(context, from, Address.Zero, amount);
        if (withReference)
        {
            Emit(context, _burned, AbiWriter.EncodeUInt256(amount), AbiTopic.FromAddress(from), reference);
        }

        return [];
    }

    private byte[] Redeem(IModuleContext context, ref AbiReader args)
    {
        var amount = args.ReadUInt256("amount");
        var reference = new Hash32(args.ReadBytes32("reference"));
        var holder = context.Caller;
        if (amount.IsZero)
        {
            throw Revert("redeem amount must be greater than zero");
        }

        var verdict = _policy.EvaluateRedeem(context, _info, holder, amount);
        if (!verdict.IsAllowed)
        {
            throw Revert(_policy.Describe(context, _info, verdict, holder, Address.Zero, amount).Replace("transfer amount", "redeem amount", StringComparison.Ordinal));
        }

        UseReference(context, reference, RedeemReference);
        context.SetUInt256(TokenStorage.BalanceTag, holder, verdict.FromBalance - amount);
        Reduce(context, TokenStorage.TotalSupplyTag, amount);
        context.SetUInt256(TokenStorage.RedeemedTag, context.GetUInt256(TokenStorage.RedeemedTag) + amount);
        Erc20Events.EmitTransfer(context, holder, Address.Zero, amount);
        Emit(context, _redeemed, AbiWriter.EncodeUInt256(amount), AbiTopic.FromAddress(holder), reference);
        return [];
    }

    private byte[] SupplyInfo(IModuleContext context, ref AbiReader args) =>
        new AbiWriter(6)
            .WriteUInt256(context.GetUInt256(TokenStorage.TotalSupplyTag))
            .WriteUInt256(context.GetUInt256(TokenStorage.MintedTag))
            .WriteUInt256(context.GetUInt256(TokenStorage.BurnedTag))
            .WriteUInt256(context.GetUInt256(TokenStorage.RedeemedTag))
            .WriteUInt256(context.GetUInt256(TokenStorage.BalanceTag, Address))
            .WriteUInt256(context.GetUInt256(TokenStorage.HolderCountTag))
            .ToArray();

    private byte[] IsReferenceUsed(IModuleContext context, ref AbiReader args)
    {
        Span<byte> key = stackalloc byte[1 + Hash32.Length];
        key[0] = TokenStorage.ReferenceTag;
        args.ReadBytes32("reference").CopyTo(key[1..]);
        return AbiWriter.EncodeBool(context.GetStorage(Address, key) is not null);
    }

    /// <summary>Marks a reference used; a zero or already used one reverts (a replayed deposit must not mint twice).</summary>
    private void UseReference(IModuleContext context, Hash32 reference, byte kind)
    {
        if (reference == Hash32.Zero)
        {
            throw Revert("reference must not be zero: pass the core-banking reference of this operation as bytes32");
        }

        Span<byte> key = stackalloc byte[1 + Hash32.Length];
        key[0] = TokenStorage.ReferenceTag;
        reference.WriteTo(key[1..]);
        if (context.GetStorage(Address, key) is { Length: > 0 } used)
        {
            var what = used[0] switch { MintReference => "a mint", BurnReference => "a burn", _ => "a redemption" };
            throw Revert($"reference {reference} was already used by {what} of {Symbol}; each reference is accepted once");
        }

        context.SetStorage(key, [kind]);
    }

    /// <summary>Sets a debited balance and keeps the frozen (locked) part within it, as ERC-3643 does on burns and forced transfers.</summary>
    private void Debit(IModuleContext context, Address account, UInt256 newBalance)
    {
        context.SetUInt256(TokenStorage.BalanceTag, account, newBalance);
        var locked = context.GetUInt256(TokenStorage.LockTag, account);
        if (locked > newBalance)
        {
            context.SetUInt256(TokenStorage.LockTag, account, newBalance);
            Emit(context, _tokensUnfrozen, AbiWriter.EncodeUInt256(locked - newBalance), AbiTopic.FromAddress(account));
        }
    }

    private static void Reduce(IModuleContext context, byte tag, UInt256 amount)
    {
        if (!UInt256.TrySubtract(context.GetUInt256(tag), amount, out var reduced))
        {
            // Unreachable while every balance ≤ totalSupply; a guard against corrupted state.
            throw Revert($"supply accounting is inconsistent: cannot take {amount} from counter 0x{tag:x2}");
        }

        context.SetUInt256(tag, reduced);
    }
}
