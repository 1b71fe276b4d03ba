using System.Buffers.Binary;
using Ledger.Contracts.Compliance;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Identity;

/// <summary>
/// Who may hold deposit tokens: each account is registered (KYC'd) by one bank with a jurisdiction, a KYC level,
/// an expiry and, for companies, an LEI. Only that bank's staff (its operator or compliance officers, as the
/// Compliance module records them) may update, revoke or recover it. Deposit tokens read these records directly
/// on every transfer and mint; <c>isVerified</c> and <c>identityOf</c> are the public views.
/// </summary>
public sealed partial class IdentityRegistry : ModuleBase
{
    public const string ModuleName = "IdentityRegistry";

    public const string IsVerifiedSignature = "isVerified(address)";

    private readonly Consortium _consortium;
    private readonly IReadOnlyList<IdentityConfig> _genesisIdentities;
    private readonly EventDefinition _registered;
    private readonly EventDefinition _updated;
    private readonly EventDefinition _revoked;
    private readonly EventDefinition _recovered;

    public IdentityRegistry(Consortium consortium, IReadOnlyList<IdentityConfig> genesisIdentities)
        : base(ModuleName, consortium?.Registry ?? throw new ArgumentNullException(nameof(consortium)), "IdentityRegistry.json")
    {
        ArgumentNullException.ThrowIfNull(genesisIdentities);
        _consortium = consortium;
        _genesisIdentities = genesisIdentities;

        Register(IsVerifiedSignature, 2_600, IsVerified, view: true);
        Register("identityOf(address)", 5_000, IdentityOf, view: true);
        Register("registerIdentity(address,string,uint8,uint64)", 45_000, (c, ref a) => RegisterIdentity(c, ref a, withLei: false));
        Register("registerIdentity(address,string,uint8,uint64,string)", 50_000, (c, ref a) => RegisterIdentity(c, ref a, withLei: true));
        Register("updateIdentity(address,string,uint8,uint64,string)", 45_000, UpdateIdentity);
        Register("revokeIdentity(address)", 25_000, RevokeIdentity);
        Register("recoverAccount(address,address)", 60_000, RecoverAccount);
        _registered = DeclareEvent("IdentityRegistered(address,string,string,uint8,uint64)");
        _updated = DeclareEvent("IdentityUpdated(address,string,string,uint8,uint64,string)");
        _revoked = DeclareEvent("IdentityRevoked(address,string)");
        _recovered = DeclareEvent("IdentityRecovered(address,address,string)");
    }

    /// <summary>The selector of <c>isVerified(address)</c>.</summary>
    public static uint IsVerifiedSelector { get; } = AbiSelector.Of(IsVerifiedSignature);

    /// <summary>Writes the 36-byte calldata of <c>isVerified(account)</c> into <paramref name="destination"/>.</summary>
    public static void WriteIsVerifiedCall(Span<byte> destination, Address account)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, IsVerifiedSelector);
        destination.Slice(AbiSelector.Length, 12).Clear();
        account.WriteTo(destination[(AbiSelector.Length + 12)..]);
    }

    /// <summary>"2035-01-01T00:00:00Z (2051222400)"-style text for unix seconds in revert reasons.</summary>
    public static string FormatTime(ulong seconds) =>
        seconds <= 253_402_300_799UL
            ? $"{seconds} ({DateTimeOffset.FromUnixTimeSeconds((long)seconds):yyyy-MM-dd'T'HH:mm:ss'Z'})"
            : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override void InitializeGenesis(IModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var identity in _genesisIdentities)
        {
            var bank = _consortium.BankIndex(identity.Bank);
            if (bank < 0)
            {
                throw new InvalidOperationException($"genesis identity {identity.Address} names unknown bank '{identity.Bank}'");
            }

            IdentityStorage.Store(context, identity.Address, new IdentityRecord(bank, identity.Jurisdiction, identity.KycLevel, identity.ExpiresAt, Revoked: false));
        }
    }

    private byte[] IsVerified(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var stored = IdentityStorage.Load(context, Address, account);
        return AbiWriter.EncodeBool(stored is not null && IdentityRecord.IsVerifiedAt(stored, NowSeconds(context)));
    }

    private byte[] IdentityOf(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var record = Find(context, account) ?? throw Revert($"{account.ToChecksumString()} is not registered");
        return new AbiWriter(8)
            .WriteString(_consortium.Banks[record.BankIndex].Id)
            .WriteString(record.Jurisdiction)
            .WriteUInt8(record.KycLevel)
            .WriteUInt64(record.ExpiresAt)
            .WriteBool(record.Revoked)
            .WriteString(record.Lei)
            .ToArray();
    }

    private byte[] RevokeIdentity(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var record = Find(context, account) ?? throw Revert($"{account.ToChecksumString()} is not registered");
        RequireStaff(context, record.BankIndex, $"revoke {account.ToChecksumString()}");
        if (record.Revoked)
        {
            throw Revert($"{account.ToChecksumString()} is already revoked");
        }

        IdentityStorage.Store(context, account, record with { Revoked = true });
        Emit(context, _revoked, AbiWriter.EncodeString(BankId(record.BankIndex)), AbiTopic.FromAddress(account));
        return [];
    }

    private string BankId(int index) => _consortium.Banks[index].Id;

    private static ulong NowSeconds(IModuleContext context) => context.TimestampMs / 1000;

    private IdentityRecord? Find(IModuleContext context, Address account) =>
        IdentityStorage.Load(context, Address, account) is { } stored ? IdentityRecord.Decode(stored) : null;

    /// <summary>Reverts unless the caller is the operator or a compliance officer of bank <paramref name="bank"/>.</summary>
    private void RequireStaff(IModuleContext context, int bank, string action)
    {
        if (!ComplianceStorage.IsBankStaff(context, _consortium.Compliance, context.Caller, bank))
        {
            throw Revert(
                $"only the operator or a compliance officer of {_consortium.DescribeBank(bank)} may {action}; " +
                $"the caller {context.Caller.ToChecksumString()} is not");
        }
    }

    /// <summary>The bank the caller works for; reverts for a key that is no bank's operator or compliance officer.</summary>
    private int CallerBank(IModuleContext context, string action)
    {
        var (roles, bank) = ComplianceStorage.Staff(context, _consortium.Compliance, context.Caller);
        return roles != StaffRoles.None
            ? bank
            : throw Revert($"only a bank operator or compliance officer may {action}; {context.Caller.ToChecksumString()} is neither");
    }
}
