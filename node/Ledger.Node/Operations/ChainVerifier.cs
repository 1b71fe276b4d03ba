using System.Diagnostics;
using Ledger.Contracts;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Chain;
using Ledger.Execution.Modules;
using Ledger.Storage;

namespace Ledger.Node.Operations;

/// <summary>
/// <c>ledger verify-chain</c>: an offline audit of a data directory (a stopped node's, or a backup) that trusts nothing
/// in it but the genesis. The genesis block is rebuilt from the genesis document; every later block is verified and
/// re-executed by <see cref="BlockReplayer"/> into a scratch store (hash links, certificates against the validator set
/// of their height, signatures, transaction and receipt roots, state roots); each stored record of the block (header,
/// receipts, transaction index) must equal what the replay produced; and at the head the stored state must equal the
/// replayed state entry by entry. Stops at the first fault, naming the block and what is wrong. Never writes to
/// <paramref name="source"/>'s store (open it read-only).
/// </summary>
public sealed partial class ChainVerifier(StoredChain source, GenesisConfig genesis, IEcdsa ecdsa)
{
    /// <summary>Progress is reported every this many blocks.</summary>
    private const ulong ProgressEvery = 1_000;

    private readonly StoredChain _source = source ?? throw new ArgumentNullException(nameof(source));
    private readonly GenesisConfig _genesis = genesis ?? throw new ArgumentNullException(nameof(genesis));
    private readonly IEcdsa _ecdsa = ecdsa ?? throw new ArgumentNullException(nameof(ecdsa));

    /// <summary>
    /// Verifies blocks 0 … <see cref="VerifyChainOptions.To"/> replaying into <paramref name="scratch"/> (an empty store,
    /// owned by the caller). A fault in the data gives a report with <see cref="ChainVerificationReport.Failure"/>;
    /// arguments that do not fit the chain (<c>--to</c> after the head) throw <see cref="ArgumentException"/>.
    /// </summary>
    public ChainVerificationReport Verify(IKeyValueStore scratch, VerifyChainOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var head = 0UL;
        var to = 0UL;
        var next = 0UL;
        var transactions = 0UL;
        var stateCompared = false;
        try
        {
            var (headNumber, headHash) = ReadHead();
            head = headNumber;
            to = options.To ?? head;
            if (to > head)
            {
                throw new ArgumentException($"--to {to} is after the head of this chain (block {head})", nameof(options));
            }

            if (options.From > to)
            {
                throw new ArgumentException($"--from {options.From} is after --to {to}", nameof(options));
            }

            if (_source.SnapshotBase is { } snapshotBase)
            {
                // Replaying needs every block from genesis; a snapshot node has none before its base. Its base state was
                // proven against a certified root when it was imported, and each later block verified by sync.
                throw new Fault(
                    null,
                    $"this data dir was started from a snapshot of block {snapshotBase}: blocks 0-{snapshotBase - 1} are not stored, so it cannot be replayed from genesis (audit a node that has the whole chain, or an export of it)");
            }

            var chain = new ChainStore(scratch, new ModuleRegistry(ModuleCatalog.FromGenesis(_genesis)), _genesis, retainedStates: 1, recentBlocks: 1, historyBlocks: 1);
            chain.Open();
            VerifyGenesis(chain);
            next = 1;
            var replayer = new BlockReplayer(chain, _ecdsa);
            for (; next <= to; next++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                transactions += VerifyBlock(replayer, next, checkSeals: next >= options.From);
                if (next % ProgressEvery == 0)
                {
                    options.Progress?.Invoke(next);
                }
            }

            next = to + 1;
            if (to == head)
            {
                if (chain.Head.Header.Hash != headHash)
                {
                    throw new Fault(null, $"the head pointer names {headHash}, but block {head} of the canonical chain is {chain.Head.Header.Hash}");
                }

                CompareState(scratch, head);
                stateCompared = true;
            }
        }
        catch (Fault fault)
        {
            return Report(head, options.From, to, next, transactions, clock.Elapsed, stateCompared) with { FailedBlock = fault.Block, Failure = fault.Message };
        }
        catch (BlockReplayException ex)
        {
            return Report(head, options.From, to, next, transactions, clock.Elapsed, stateCompared) with { FailedBlock = ex.Height, Failure = ex.Message };
        }

        return Report(head, options.From, to, next, transactions, clock.Elapsed, stateCompared);
    }

    private static ChainVerificationReport Report(ulong head, ulong from, ulong to, ulong verifiedUpTo, ulong transactions, TimeSpan elapsed, bool stateCompared) => new()
    {
        Head = head,
        From = from,
        To = to,
        Blocks = verifiedUpTo, // blocks 0 … verifiedUpTo - 1 passed
        Transactions = transactions,
        Elapsed = elapsed,
        StateCompared = stateCompared,
    };

    /// <summary>The head pointer, its header and the canonical index must agree, and nothing may be indexed after the head.</summary>
    private (ulong Number, Hash32 Hash) ReadHead()
    {
        var chainId = _source.ChainIdRecord;
        if (chainId is not null && !chainId.AsSpan().SequenceEqual(ChainIdBytes(_genesis.ChainId)))
        {
            throw new Fault(null, $"the data dir records chain id 0x{Convert.ToHexStringLower(chainId)}, the genesis is for chain id {_genesis.ChainId}");
        }

        var headHash = _source.HeadHash ?? throw new Fault(null, "the data dir has no (or a malformed) head pointer");
        var record = _source.HeaderRecord(headHash) ?? throw new Fault(null, $"the head pointer names block {headHash}, which has no stored header");
        BlockHeader header;
        try
        {
            header = BlockHeaderCodec.Decode(record);
        }
        catch (FormatException ex)
        {
            throw new Fault(null, $"the header of the head block {headHash} is malformed: {ex.Message}");
        }

        if (_source.CanonicalHash(header.Number) != headHash)
        {
            throw new Fault(header.Number, $"block {header.Number}: the head pointer names {headHash}, but the canonical index names {_source.CanonicalHash(header.Number)?.ToString() ?? "nothing"}");
        }

        if (_source.CanonicalRecord(header.Number + 1) is not null)
        {
            throw new Fault(header.Number + 1, $"block {header.Number + 1} is in the canonical index, but the head is block {header.Number}");
        }

        return (header.Number, headHash);
    }

    /// <summary>Genesis is rebuilt from the document; the stored genesis hash and block 0 must be exactly it.</summary>
    private void VerifyGenesis(ChainStore chain)
    {
        var rebuilt = chain.Head;
        var hash = rebuilt.Header.Hash;
        if (_source.GenesisHash is not { } stored || stored != hash)
        {
            throw new Fault(0, $"block 0: the data dir's genesis hash is {_source.GenesisHash?.ToString() ?? "missing"}, but the genesis document gives {hash}");
        }

        if (_source.CanonicalHash(0) != hash)
        {
            throw new Fault(0, $"block 0: the canonical index names {_source.CanonicalHash(0)?.ToString() ?? "nothing"}, not the genesis block {hash}");
        }

        if (_source.BlockRecord(hash) is not { } record || !record.AsSpan().SequenceEqual(BlockCodec.Encode(rebuilt)))
        {
            throw new Fault(0, $"block 0: the stored genesis block ({hash}) differs from the one the genesis document gives");
        }

        CheckRecords(rebuilt, []);
    }

    private ulong VerifyBlock(BlockReplayer replayer, ulong number, bool checkSeals)
    {
        var hash = _source.CanonicalHash(number) ?? throw new Fault(number, $"block {number} is missing from the canonical index (or its entry is malformed)");
        var record = _source.BlockRecord(hash) ?? throw new Fault(number, $"block {number} ({hash}) has no stored body");
        var replayed = replayer.Verify(record, checkSeals);
        var block = replayed.Block;
        if (block.Header.Hash != hash)
        {
            throw new Fault(number, $"block {number}: the canonical index names {hash}, but the block stored under that hash hashes to {block.Header.Hash}");
        }

        CheckRecords(block, replayed.Result.Receipts);
        replayer.Commit(replayed);
        return (ulong)block.Transactions.Count;
    }

    private static byte[] ChainIdBytes(ulong chainId)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, chainId);
        return bytes;
    }

    /// <summary>A fault in the data: <see cref="Block"/> names the block when there is one.</summary>
    private sealed class Fault(ulong? block, string message) : Exception(message)
    {
        public ulong? Block { get; } = block;
    }
}
