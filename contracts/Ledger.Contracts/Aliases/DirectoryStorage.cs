using System.Text;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Aliases;

/// <summary>
/// The Directory's storage layout: 0x01 ‖ keccak256(alias) → holder (20 bytes); 0x02 ‖ account → alias (UTF-8).
/// Both entries are written and deleted together, so the two lookups always agree.
/// </summary>
public static class DirectoryStorage
{
    public const byte HolderTag = 0x01;
    public const byte AliasTag = 0x02;

    /// <summary>keccak256 of the alias's UTF-8 bytes: its key, and the indexed topic of the Alias* events.</summary>
    public static Hash32 AliasHash(string alias) => Keccak256.Hash(Encoding.UTF8.GetBytes(alias));

    public static byte[] HolderKey(Hash32 aliasHash)
    {
        var key = new byte[1 + Hash32.Length];
        key[0] = HolderTag;
        aliasHash.WriteTo(key.AsSpan(1));
        return key;
    }

    public static byte[] AliasKey(Address account)
    {
        var key = new byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, AliasTag, account);
        return key;
    }
}
