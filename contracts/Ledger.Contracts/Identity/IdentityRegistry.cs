using System.Buffers.Binary;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Identity;

/// <summary>
/// Who may hold deposit tokens: each account is registered (KYC'd) by one bank with a jurisdiction, a KYC
/// level and an expiry, and can be revoked by that bank. Deposit tokens ask <c>isVerified</c> before every
/// transfer and mint. Bank operators come from genesis; only an account's own bank may change its identity.
/// </summary>
public sealed class IdentityRegistry : ModuleBase
{
    public const string ModuleName = "IdentityRegistry";

    public const string IsVerifiedSignature = "isVerified(address)";

    /// <summary>Longest jurisdiction accepted (ISO 3166 codes are 2–6 characters; this leaves room for sub-regions).</summary>
    public const int MaxJurisdictionBytes = 64;

    private const byte IdentityTag = 0x01;

    private readonly Dictionary<Address, BankConfig> _banksByOperator = [];
    private readonly Dictionary<string, BankConfig> _banksById = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<IdentityConfig> _genesisIdentities;
    private readonly EventDefinition _registered;
    private readonly EventDefinition _revoked;

    public IdentityRegistry(Address address, IReadOnlyList<BankConfig> banks, IReadOnlyList<IdentityConfig> genesisIdentities)
        : base(ModuleName, address, "IdentityRegistry.json")
    {
        ArgumentNullException.ThrowIfNull(banks);
        ArgumentNullException.ThrowIfNull(genesisIdentities);
        foreach (var bank in banks)
        {
            _banksById[bank.Id] = bank;
            _banksByOperator[bank.Operator] = bank;
        }

        _genesisIdentities = genesisIdentities;

        Register(IsVerifiedSignature, 2_600, IsVerified, view: true);
        Register("identityOf(address)", 5_000, IdentityOf, view: true);
        Register("registerIdentity(address,string,uint8,uint64)", 45_000, RegisterIdentity);
        Register("revokeIdentity(address)", 25_000, RevokeIdentity);
        _registered = DeclareEvent("IdentityRegistered(address,string,string,uint8,uint64)");
        _revoked = DeclareEvent("IdentityRevoked(address,string)");
    }

    /// <summary>The selector of <c>isVerified(address)</c>, for modules that call the registry.</summary>
    public static uint IsVerifiedSelector { get; } = AbiSelector.Of(IsVerifiedSignature);

    /// <summary>Writes the 36-byte calldata of <c>isVerified(account)</c> into <paramref name="destination"/>.</summary>
    public static void WriteIsVerifiedCall(Span<byte> destination, Address account)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, IsVerifiedSelector);
        destination.Slice(AbiSelector.Length, 12).Clear();
        account.WriteTo(destination[(AbiSelector.Length + 12)..]);
    }

    public override void InitializeGenesis(IModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var identity in _genesisIdentities)
        {
            if (!_banksById.ContainsKey(identity.Bank))
            {
                throw new InvalidOperationException($"genesis identity {identity.Address} names unknown bank '{identity.Bank}'");
            }

            var record = new IdentityRecord(identity.Bank, identity.Jurisdiction, identity.KycLevel, identity.ExpiresAt, Revoked: false);
            Store(context, identity.Address, record);
        }
    }

    private byte[] IsVerified(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var stored = Load(context, account);
        return AbiWriter.EncodeBool(stored is not null && IdentityRecord.IsVerifiedAt(stored, NowSeconds(context)));
    }

    private byte[] IdentityOf(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var record = Find(context, account) ?? throw Revert($"{account.ToChecksumString()} is not registered");
        return new AbiWriter(8)
            .WriteString(record.Bank)
            .WriteString(record.Jurisdiction)
            .WriteUInt8(record.KycLevel)
            .WriteUInt64(record.ExpiresAt)
            .WriteBool(record.Revoked)
            .ToArray();
    }

    private byte[] RegisterIdentity(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var jurisdiction = args.ReadString("jurisdiction");
        var kycLevel = args.ReadUInt8("kycLevel");
        var expiresAt = args.ReadUInt64("expiresAt");

        var bank = OperatorBank(context.Caller, "register identities");
        if (account.IsZero)
        {
            throw Revert("cannot register the zero address");
        }

        var jurisdictionBytes = System.Text.Encoding.UTF8.GetByteCount(jurisdiction);
        if (jurisdictionBytes is 0 or > MaxJurisdictionBytes || string.IsNullOrWhiteSpace(jurisdiction))
        {
            throw Revert($"jurisdiction must be 1 to {MaxJurisdictionBytes} bytes of text (e.g. \"US\"), got \"{jurisdiction}\"");
        }

        if (kycLevel == 0)
        {
            throw Revert("kycLevel 0 means not verified; register with kycLevel 1 or higher, or revoke the identity");
        }

        var now = NowSeconds(context);
        if (expiresAt <= now)
        {
            throw Revert($"expiresAt {FormatTime(expiresAt)} is not after the current block time {FormatTime(now)}");
        }

        var existing = Find(context, account);
        if (existing is not null && existing.Bank != bank.Id)
        {
            throw Revert(
                $"{account.ToChecksumString()} is registered by {Describe(existing.Bank)}; only that bank's operator may change its identity");
        }

        // Re-registration by the same bank renews or corrects the identity and lifts a revocation.
        var record = new IdentityRecord(bank.Id, jurisdiction, kycLevel, expiresAt, Revoked: false);
        Store(context, account, record);
        Emit(
            context,
            _registered,
            new AbiWriter(6).WriteString(bank.Id).WriteString(jurisdiction).WriteUInt8(kycLevel).WriteUInt64(expiresAt).ToArray(),
            AbiTopic.FromAddress(account));
        return [];
    }

    private byte[] RevokeIdentity(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var record = Find(context, account) ?? throw Revert($"{account.ToChecksumString()} is not registered");
        var owner = _banksById.GetValueOrDefault(record.Bank);
        if (owner is null || owner.Operator != context.Caller)
        {
            throw Revert(
                $"only the operator of {Describe(record.Bank)} may revoke {account.ToChecksumString()}; the caller is {context.Caller.ToChecksumString()}");
        }

        if (record.Revoked)
        {
            throw Revert($"{account.ToChecksumString()} is already revoked");
        }

        Store(context, account, record with { Revoked = true });
        Emit(context, _revoked, AbiWriter.EncodeString(record.Bank), AbiTopic.FromAddress(account));
        return [];
    }

    private BankConfig OperatorBank(Address caller, string action) =>
        _banksByOperator.GetValueOrDefault(caller)
            ?? throw Revert($"only a bank operator may {action}; {caller.ToChecksumString()} is not the operator of any bank");

    private string Describe(string bankId) =>
        _banksById.TryGetValue(bankId, out var bank) ? $"{bank.Name} ({bank.Id}, operator {bank.Operator.ToChecksumString()})" : bankId;

    private static ulong NowSeconds(IModuleContext context) => context.TimestampMs / 1000;

    private static string FormatTime(ulong seconds) =>
        seconds <= 253_402_300_799UL
            ? $"{seconds} ({DateTimeOffset.FromUnixTimeSeconds((long)seconds):yyyy-MM-dd'T'HH:mm:ss'Z'})"
            : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static byte[]? Load(IModuleContext context, Address account)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, IdentityTag, account);
        return context.GetStorage(context.Self, key);
    }

    private static IdentityRecord? Find(IModuleContext context, Address account) =>
        Load(context, account) is { } stored ? IdentityRecord.Decode(stored) : null;

    private static void Store(IModuleContext context, Address account, IdentityRecord record)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, IdentityTag, account);
        context.SetStorage(key, record.Encode());
    }
}
