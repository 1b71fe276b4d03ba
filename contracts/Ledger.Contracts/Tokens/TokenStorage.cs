using System.Buffers.Binary;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Tokens;

/// <summary>
/// A DepositToken's storage layout. Public so that the Compliance module's <c>canTransfer</c> evaluates the very
/// same state the token's transfer does; only the token writes it.
/// </summary>
public static class TokenStorage
{
    public const byte BalanceTag = 0x01;        // ‖ account → uint
    public const byte AllowanceTag = 0x02;      // ‖ owner ‖ spender → uint
    public const byte TotalSupplyTag = 0x03;
    public const byte MintedTag = 0x04;
    public const byte BurnedTag = 0x05;
    public const byte RedeemedTag = 0x06;
    public const byte StatusTag = 0x07;         // → TokenStatus(1)
    public const byte ReferenceTag = 0x08;      // ‖ reference(32) → kind(1)
    public const byte DailyTag = 0x09;          // ‖ account → day(8) ‖ spent (uint, trimmed)
    public const byte GuardianTag = 0x0A;       // ‖ account → guardian(20) ‖ threshold(32)
    public const byte PendingGuardianTag = 0x0B; // ‖ account → guardian(20) ‖ threshold(32)
    public const byte HeldCounterTag = 0x0C;    // → last held-transfer id
    public const byte HeldTag = 0x0D;           // ‖ id(8) → HeldTransfer
    public const byte HeldCountTag = 0x0E;      // ‖ account → pending held transfers sent by it
    public const byte HolderCountTag = 0x0F;    // → number of accounts that ever held the token
    public const byte HolderAtTag = 0x10;       // ‖ index(8) → account(20)
    public const byte HolderIndexTag = 0x11;    // ‖ account → index + 1
    public const byte LockTag = 0x12;           // ‖ account → locked (partially frozen) amount

    public static TokenStatus Status(IModuleContext context, Address token)
    {
        var stored = context.GetStorage(token, [StatusTag]);
        return stored is { Length: > 0 } ? (TokenStatus)stored[0] : TokenStatus.None;
    }

    public static UInt256 Read(IModuleContext context, Address token, byte tag, Address account)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, tag, account);
        var stored = context.GetStorage(token, key);
        return stored is null ? UInt256.Zero : UInt256.FromBigEndianVariable(stored);
    }

    /// <summary>What <paramref name="account"/> has sent on UTC day <paramref name="day"/> (0 for any other day).</summary>
    public static UInt256 DailySpent(IModuleContext context, Address token, Address account, ulong day)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, DailyTag, account);
        var stored = context.GetStorage(token, key);
        return stored is { Length: >= 8 } && BinaryPrimitives.ReadUInt64BigEndian(stored) == day
            ? UInt256.FromBigEndianVariable(stored.AsSpan(8))
            : UInt256.Zero;
    }

    /// <summary>The guardian of <paramref name="account"/> and the amount above which its transfers wait for it.</summary>
    public static (Address Guardian, UInt256 Threshold) Guardian(IModuleContext context, Address token, byte tag, Address account)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, tag, account);
        var stored = context.GetStorage(token, key);
        return stored is { Length: Address.Length + UInt256.Length }
            ? (new Address(stored.AsSpan(0, Address.Length)), UInt256.FromBigEndian(stored.AsSpan(Address.Length)))
            : (Address.Zero, UInt256.Zero);
    }

    /// <summary>The UTC day (days since the Unix epoch) of a block timestamp in milliseconds.</summary>
    public static ulong Day(ulong timestampMs) => timestampMs / 86_400_000UL;
}
