using Ledger.Core.Primitives;

namespace Ledger.JsonRpc.Parameters;

/// <summary>
/// A block argument: a tag, a number, or (EIP-1898) a hash. Finality is instant in Ledger, so latest,
/// pending, safe and finalized all mean the head; pending differs only where the pool matters (nonces).
/// </summary>
public readonly record struct BlockParameter(BlockTag Tag, ulong Number = 0, Hash32 Hash = default)
{
    public static BlockParameter Latest => new(BlockTag.Latest);

    public static BlockParameter ByNumber(ulong number) => new(BlockTag.Number, number);

    public static BlockParameter ByHash(Hash32 hash) => new(BlockTag.Hash, Hash: hash);
}
