using System.Buffers.Binary;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Compliance;

/// <summary>
/// The Compliance module's storage layout and its readers. Tokens and the registry read roles, freezes, limits
/// and corridors straight from this storage (no nested call on the transfer path); only the Compliance module
/// writes it. Keys are a one-byte tag followed by fixed-width parts, built on the stack.
/// </summary>
public static class ComplianceStorage
{
    public const byte OperatorTag = 0x01;      // ‖ bank(1) → operator address(20)
    public const byte StaffTag = 0x02;         // ‖ account → roles(1) ‖ bank(1)
    public const byte IssuerTag = 0x03;        // ‖ token ‖ account → 0x01
    public const byte RegulatorTag = 0x04;     // → regulator address(20)
    public const byte FreezeTag = 0x10;        // ‖ account → byRegulator(1) ‖ by(20) ‖ reason (UTF-8)
    public const byte AccountLimitTag = 0x12;  // ‖ token ‖ account → TransferLimits
    public const byte JurisdictionLimitTag = 0x13; // ‖ token ‖ jurisdiction(2) → TransferLimits
    public const byte CorridorTag = 0x14;      // ‖ lower jurisdiction(2) ‖ higher jurisdiction(2) → 0x01
    public const byte FeaturesTag = 0x20;      // → ComplianceFeatures(1)
    public const byte ProposalCountTag = 0x30; // → uint
    public const byte ProposalTag = 0x31;      // ‖ id(8) → ProposalRecord
    public const byte RequestCountTag = 0x40;  // → uint (last four-eyes request id)
    public const byte RequestTag = 0x41;       // ‖ id(8) → FourEyesRequest
    public const byte OpenCountTag = 0x42;     // ‖ bank(1) → uint (open requests of the bank)
    public const byte OpenAtTag = 0x43;        // ‖ bank(1) ‖ index(8) → id(8)
    public const byte OpenIndexTag = 0x44;     // ‖ id(8) → index + 1 (8)

    public static ComplianceFeatures Features(IModuleContext context, Address compliance)
    {
        var stored = context.GetStorage(compliance, [FeaturesTag]);
        return stored is { Length: > 0 } ? (ComplianceFeatures)stored[0] : ComplianceFeatures.None;
    }

    /// <summary>The bank and roles of a staff key; <c>Bank</c> is −1 for a key that is no bank's staff.</summary>
    public static (StaffRoles Roles, int Bank) Staff(IModuleContext context, Address compliance, Address account)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, StaffTag, account);
        var stored = context.GetStorage(compliance, key);
        return stored is { Length: 2 } ? ((StaffRoles)stored[0], stored[1]) : (StaffRoles.None, -1);
    }

    /// <summary>True when <paramref name="account"/> is the operator or a compliance officer of bank <paramref name="bank"/>.</summary>
    public static bool IsBankStaff(IModuleContext context, Address compliance, Address account, int bank)
    {
        var (roles, staffBank) = Staff(context, compliance, account);
        return roles != StaffRoles.None && staffBank == bank;
    }

    public static bool IsBankOperator(IModuleContext context, Address compliance, Address account, int bank)
    {
        var (roles, staffBank) = Staff(context, compliance, account);
        return (roles & StaffRoles.BankOperator) != 0 && staffBank == bank;
    }

    public static Address Operator(IModuleContext context, Address compliance, int bank)
    {
        var stored = context.GetStorage(compliance, [OperatorTag, (byte)bank]);
        return stored is { Length: Address.Length } ? new Address(stored) : Address.Zero;
    }

    public static Address Regulator(IModuleContext context, Address compliance)
    {
        var stored = context.GetStorage(compliance, [RegulatorTag]);
        return stored is { Length: Address.Length } ? new Address(stored) : Address.Zero;
    }

    public static bool IsRegulator(IModuleContext context, Address compliance, Address account) =>
        !account.IsZero && Regulator(context, compliance) == account;

    /// <summary>An issuer of <paramref name="token"/>: its bank's operator, or a key that operator granted the role.</summary>
    public static bool IsIssuer(IModuleContext context, Address compliance, TokenInfo token, Address account)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (IsBankOperator(context, compliance, account, token.BankIndex))
        {
            return true;
        }

        Span<byte> key = stackalloc byte[ModuleStorage.PairKeyLength];
        ModuleStorage.WriteKey(key, IssuerTag, token.Address, account);
        return context.GetStorage(compliance, key) is { Length: > 0 };
    }

    /// <summary>The freeze record of <paramref name="account"/>, or null when it is not frozen.</summary>
    public static byte[]? Freeze(IModuleContext context, Address compliance, Address account)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, FreezeTag, account);
        return context.GetStorage(compliance, key);
    }

    public static bool IsCorridor(IModuleContext context, Address compliance, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Span<byte> key = stackalloc byte[5];
        WriteCorridorKey(key, a, b);
        return context.GetStorage(compliance, key) is { Length: > 0 };
    }

    /// <summary>The corridor key orders the pair, so A–B and B–A are one corridor.</summary>
    public static void WriteCorridorKey(Span<byte> key, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        key[0] = CorridorTag;
        var aFirst = a.SequenceCompareTo(b) <= 0;
        (aFirst ? a : b).CopyTo(key[1..3]);
        (aFirst ? b : a).CopyTo(key[3..5]);
    }

    /// <summary>The limits in force for <paramref name="account"/> on <paramref name="token"/>: its own, else its jurisdiction's.</summary>
    public static (TransferLimits Limits, LimitSource Source) Limits(
        IModuleContext context, Address compliance, Address token, Address account, ReadOnlySpan<byte> jurisdiction)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.PairKeyLength];
        ModuleStorage.WriteKey(key, AccountLimitTag, token, account);
        if (context.GetStorage(compliance, key) is { } own)
        {
            return (TransferLimits.Decode(own), LimitSource.Account);
        }

        Span<byte> jurisdictionKey = stackalloc byte[1 + Address.Length + 2];
        WriteJurisdictionLimitKey(jurisdictionKey, token, jurisdiction);
        return context.GetStorage(compliance, jurisdictionKey) is { } shared
            ? (TransferLimits.Decode(shared), LimitSource.Jurisdiction)
            : (default, LimitSource.None);
    }

    public static void WriteJurisdictionLimitKey(Span<byte> key, Address token, ReadOnlySpan<byte> jurisdiction)
    {
        key[0] = JurisdictionLimitTag;
        token.WriteTo(key[1..]);
        jurisdiction.CopyTo(key[(1 + Address.Length)..]);
    }

    /// <summary>A key made of a tag and a big-endian 64-bit number (request ids, open-set slots).</summary>
    public static byte[] IdKey(byte tag, ulong id)
    {
        var key = new byte[9];
        key[0] = tag;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), id);
        return key;
    }

    /// <summary>The key of slot <paramref name="index"/> in bank <paramref name="bank"/>'s list of open requests.</summary>
    public static byte[] OpenAtKey(int bank, ulong index)
    {
        var key = new byte[10];
        key[0] = OpenAtTag;
        key[1] = (byte)bank;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(2), index);
        return key;
    }

    public static byte[] ProposalKey(ulong id)
    {
        var key = new byte[9];
        key[0] = ProposalTag;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), id);
        return key;
    }
}
