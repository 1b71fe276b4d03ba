using System.Text;
using Ledger.Contracts.Identity;
using Ledger.Contracts.Tokens;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Compliance;

/// <summary>Freezes, limits and their views; the state the registry moves to a new key on recovery.</summary>
public sealed partial class ComplianceModule
{
    private byte[] FreezeAccount(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var reason = args.ReadString("reason");
        var bank = RegisteredBank(context, account);
        var byRegulator = RequireRegulatorOrStaff(context, bank, $"freeze {account.ToChecksumString()}");
        var reasonBytes = Encoding.UTF8.GetByteCount(reason);
        if (reasonBytes is 0 or > MaxReasonBytes || string.IsNullOrWhiteSpace(reason))
        {
            throw Revert($"a freeze needs a reason of 1 to {MaxReasonBytes} bytes (e.g. a case or court order reference); it is shown to the account holder");
        }

        if (ComplianceStorage.Freeze(context, Address, account) is not null)
        {
            throw Revert($"{_policy.Frozen(context, "account", account)}; unfreeze it before freezing it again");
        }

        var record = new byte[1 + Address.Length + reasonBytes];
        record[0] = byRegulator ? (byte)1 : (byte)0;
        context.Caller.WriteTo(record.AsSpan(1));
        Encoding.UTF8.GetBytes(reason, record.AsSpan(1 + Address.Length));
        SetFreeze(context, account, record);
        AddFeatures(context, ComplianceFeatures.Freezes);
        Emit(context, _frozen, AbiWriter.EncodeString(reason), AbiTopic.FromAddress(account), AbiTopic.FromAddress(context.Caller));
        return [];
    }

    private byte[] UnfreezeAccount(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var record = ComplianceStorage.Freeze(context, Address, account)
            ?? throw Revert($"{account.ToChecksumString()} is not frozen");
        var bank = IdentityStorage.BankOf(context, _consortium.Registry, account);
        var isRegulator = RequireRegulatorOrStaff(context, bank, $"unfreeze {account.ToChecksumString()}");
        if (record[0] != 0 && !isRegulator)
        {
            throw Revert($"{account.ToChecksumString()} was frozen by the regulator; only the regulator may unfreeze it");
        }

        SetFreeze(context, account, []);
        Emit(context, _unfrozen, [], AbiTopic.FromAddress(account), AbiTopic.FromAddress(context.Caller));
        return [];
    }

    private byte[] FreezeOf(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var record = ComplianceStorage.Freeze(context, Address, account);
        var writer = new AbiWriter(4);
        if (record is null)
        {
            return writer.WriteBool(false).WriteBool(false).WriteAddress(Address.Zero).WriteString("").ToArray();
        }

        return writer
            .WriteBool(true)
            .WriteBool(record[0] != 0)
            .WriteAddress(new Address(record.AsSpan(1, Address.Length)))
            .WriteString(Encoding.UTF8.GetString(record.AsSpan(1 + Address.Length)))
            .ToArray();
    }

    private byte[] SetAccountLimits(IModuleContext context, ref AbiReader args)
    {
        var token = Token(args.ReadAddress("token"));
        var account = args.ReadAddress("account");
        var limits = ReadLimits(ref args, token);
        var bank = RegisteredBank(context, account);
        RequireRegulatorOrStaff(context, bank, $"set the {token.Symbol} limits of {account.ToChecksumString()}");

        Span<byte> key = stackalloc byte[ModuleStorage.PairKeyLength];
        ModuleStorage.WriteKey(key, ComplianceStorage.AccountLimitTag, token.Address, account);
        context.SetStorage(key, limits.Encode());
        AddFeatures(context, limits.Daily.IsZero ? ComplianceFeatures.Limits : ComplianceFeatures.Limits | ComplianceFeatures.DailyLimits);
        Emit(context, _accountLimitsSet, EncodeLimits(limits), AbiTopic.FromAddress(token.Address), AbiTopic.FromAddress(account));
        return [];
    }

    private byte[] ClearAccountLimits(IModuleContext context, ref AbiReader args)
    {
        var token = Token(args.ReadAddress("token"));
        var account = args.ReadAddress("account");
        var bank = IdentityStorage.BankOf(context, _consortium.Registry, account);
        RequireRegulatorOrStaff(context, bank, $"clear the {token.Symbol} limits of {account.ToChecksumString()}");
        Span<byte> key = stackalloc byte[ModuleStorage.PairKeyLength];
        ModuleStorage.WriteKey(key, ComplianceStorage.AccountLimitTag, token.Address, account);
        if (context.GetStorage(Address, key) is null)
        {
            throw Revert($"{account.ToChecksumString()} has no limits of its own on {token.Symbol}");
        }

        context.SetStorage(key, []);
        Emit(context, _accountLimitsCleared, [], AbiTopic.FromAddress(token.Address), AbiTopic.FromAddress(account));
        return [];
    }

    private byte[] SetJurisdictionLimits(IModuleContext context, ref AbiReader args)
    {
        var token = Token(args.ReadAddress("token"));
        var jurisdiction = args.ReadString("jurisdiction");
        var limits = ReadLimits(ref args, token);
        if (!GenesisRules.IsJurisdiction(jurisdiction))
        {
            throw Revert($"jurisdiction must be an ISO 3166-1 alpha-2 code of two uppercase letters, got \"{jurisdiction}\"");
        }

        RequireRegulatorOrStaff(context, token.BankIndex, $"set the {token.Symbol} limits of jurisdiction {jurisdiction}");
        Span<byte> key = stackalloc byte[1 + Address.Length + 2];
        ComplianceStorage.WriteJurisdictionLimitKey(key, token.Address, Ascii(jurisdiction));
        context.SetStorage(key, limits.IsNone ? [] : limits.Encode());
        AddFeatures(context, limits.Daily.IsZero ? ComplianceFeatures.Limits : ComplianceFeatures.Limits | ComplianceFeatures.DailyLimits);
        Emit(
            context,
            _jurisdictionLimitsSet,
            new AbiWriter(4).WriteString(jurisdiction).WriteUInt256(limits.PerTransaction).WriteUInt256(limits.Daily).WriteUInt256(limits.MaxBalance).ToArray(),
            AbiTopic.FromAddress(token.Address));
        return [];
    }

    private byte[] LimitsOf(IModuleContext context, ref AbiReader args)
    {
        var token = Token(args.ReadAddress("token"));
        var account = args.ReadAddress("account");
        var identity = IdentityStorage.Load(context, _consortium.Registry, account);
        var jurisdiction = identity is null ? "??"u8 : IdentityRecord.JurisdictionOf(identity);
        var (limits, source) = ComplianceStorage.Limits(context, Address, token.Address, account, jurisdiction);
        return new AbiWriter(4)
            .WriteUInt256(limits.PerTransaction).WriteUInt256(limits.Daily).WriteUInt256(limits.MaxBalance).WriteUInt8((byte)source)
            .ToArray();
    }

    private byte[] JurisdictionLimits(IModuleContext context, ref AbiReader args)
    {
        var token = Token(args.ReadAddress("token"));
        var jurisdiction = args.ReadString("jurisdiction");
        var limits = default(TransferLimits);
        if (GenesisRules.IsJurisdiction(jurisdiction))
        {
            Span<byte> key = stackalloc byte[1 + Address.Length + 2];
            ComplianceStorage.WriteJurisdictionLimitKey(key, token.Address, Ascii(jurisdiction));
            limits = context.GetStorage(Address, key) is { } stored ? TransferLimits.Decode(stored) : default;
        }

        return EncodeLimits(limits);
    }

    private byte[] DailySpent(IModuleContext context, ref AbiReader args)
    {
        var token = Token(args.ReadAddress("token"));
        var account = args.ReadAddress("account");
        return AbiWriter.EncodeUInt256(TokenStorage.DailySpent(context, token.Address, account, TokenStorage.Day(context.TimestampMs)));
    }

    private byte[] IsCorridor(IModuleContext context, ref AbiReader args)
    {
        var a = args.ReadString("jurisdictionA");
        var b = args.ReadString("jurisdictionB");
        var open = a == b || (GenesisRules.IsJurisdiction(a) && GenesisRules.IsJurisdiction(b) && ComplianceStorage.IsCorridor(context, Address, Ascii(a), Ascii(b)));
        return AbiWriter.EncodeBool(open);
    }

    /// <summary>Called by the IdentityRegistry's recoverAccount: the freeze and per-account limits follow the customer.</summary>
    private byte[] RecoverAccountState(IModuleContext context, ref AbiReader args)
    {
        var lost = args.ReadAddress("lost");
        var replacement = args.ReadAddress("newAccount");
        if (context.Caller != _consortium.Registry)
        {
            throw Revert($"only the IdentityRegistry ({_consortium.Registry.ToChecksumString()}) calls recoverAccountState, as part of recoverAccount");
        }

        if (ComplianceStorage.Freeze(context, Address, lost) is { } freeze)
        {
            SetFreeze(context, replacement, freeze);
            SetFreeze(context, lost, []);
        }

        Span<byte> from = stackalloc byte[ModuleStorage.PairKeyLength];
        Span<byte> to = stackalloc byte[ModuleStorage.PairKeyLength];
        foreach (var token in _consortium.Tokens)
        {
            ModuleStorage.WriteKey(from, ComplianceStorage.AccountLimitTag, token.Address, lost);
            if (context.GetStorage(Address, from) is { } limits)
            {
                ModuleStorage.WriteKey(to, ComplianceStorage.AccountLimitTag, token.Address, replacement);
                context.SetStorage(to, limits);
                context.SetStorage(from, []);
            }
        }

        Emit(context, _stateRecovered, [], AbiTopic.FromAddress(lost), AbiTopic.FromAddress(replacement));
        return [];
    }

    private static TransferLimits ReadLimits(ref AbiReader args, TokenInfo token)
    {
        var limits = new TransferLimits(args.ReadUInt256("perTransaction"), args.ReadUInt256("daily"), args.ReadUInt256("maxBalance"));
        if (!limits.Daily.IsZero && limits.PerTransaction > limits.Daily)
        {
            throw Revert(
                $"the per-transaction limit {token.Format(limits.PerTransaction)} is above the daily limit {token.Format(limits.Daily)}; " +
                "no single transfer could use it");
        }

        return limits;
    }

    private static byte[] EncodeLimits(TransferLimits limits) =>
        new AbiWriter(3).WriteUInt256(limits.PerTransaction).WriteUInt256(limits.Daily).WriteUInt256(limits.MaxBalance).ToArray();

    private static void SetFreeze(IModuleContext context, Address account, ReadOnlySpan<byte> record)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, ComplianceStorage.FreezeTag, account);
        context.SetStorage(key, record);
    }
}
