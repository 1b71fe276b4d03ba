using Ledger.Core.Primitives;
using Ledger.Execution.State;

namespace Ledger.Contracts.Tokens;

/// <summary>
/// Reads a deposit token's holder list (every account that ever held it, in order of first credit — the list behind
/// <c>balancesOf</c>) straight from a state view, for the node's supervisory read <c>ledger_getTokenHolders</c>.
/// The node's access layer decides who may call that (regulator and operator roles); it does not go through the
/// module's <c>balancesOf</c> rule, which judges an on-chain caller, so the node never has to read "as" someone.
/// </summary>
public static class TokenHolders
{
    /// <summary>Most holders one page returns, as <c>balancesOf</c>.</summary>
    public const int MaxPage = DepositToken.MaxPage;

    /// <summary>Holders <paramref name="start"/>.. (at most <paramref name="count"/>) with their balances, and the total.</summary>
    public static (IReadOnlyList<(Address Account, UInt256 Balance)> Holders, ulong Total) Read(IStateView state, Address token, ulong start, int count)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxPage);
        var total = ReadUInt256(state, token, [TokenStorage.HolderCountTag]).ToUInt64();
        var first = Math.Min(start, total);
        var n = (int)Math.Min((ulong)count, total - first);
        var holders = new (Address, UInt256)[n];
        Span<byte> atKey = stackalloc byte[9];
        Span<byte> balanceKey = stackalloc byte[ModuleStorage.AccountKeyLength];
        for (var i = 0; i < n; i++)
        {
            atKey[0] = TokenStorage.HolderAtTag;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(atKey[1..], first + (ulong)i);
            var stored = state.Get(token, atKey) ?? throw new InvalidOperationException($"holder {first + (ulong)i} of token {token} is missing");
            var account = new Address(stored);
            ModuleStorage.WriteKey(balanceKey, TokenStorage.BalanceTag, account);
            holders[i] = (account, ReadUInt256(state, token, balanceKey));
        }

        return (holders, total);
    }

    private static UInt256 ReadUInt256(IStateView state, Address token, ReadOnlySpan<byte> key) =>
        state.Get(token, key) is { } stored ? UInt256.FromBigEndianVariable(stored) : UInt256.Zero;
}
