using Ledger.Contracts.Merchants;
using Ledger.Contracts.Settlement;
using Ledger.Contracts.Tokens;
using Ledger.Core.Chain;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Execution.Indexing;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Records;

/// <summary>
/// What happened to each account in a block, in the one vocabulary of <see cref="RecordKind"/>: the single
/// classification history, statements and the console read (through the node's account index). Every Transfer log
/// of a deposit token gives a record per side (the zero address of mints and burns has none); a module event of the
/// same transaction that explains the transfer (TransferHeld, InvoicePaid, FxSettled, EscrowApproved, …) sets its
/// kind, reference and the real counterparty. Module events also give outcome records that move no money
/// (<see cref="RecordDirection.None"/>): the sender learns its held payment was released, the recipient that one is
/// waiting. A pure function of the block and receipts; malformed logs are skipped, never thrown on.
/// </summary>
public sealed partial class RecordClassifier : IRecordClassifier
{
    private readonly HashSet<Address> _tokens;
    private readonly List<DepositToken> _tokenModules;
    private readonly Address _settlement;
    private readonly Address _merchant;

    /// <summary>Reads the deposit tokens, the Settlement and the Merchant module (either may be absent) from the module set.</summary>
    public RecordClassifier(IEnumerable<IModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var all = modules.ToList();
        _tokenModules = [.. all.OfType<DepositToken>()];
        Tokens = [.. _tokenModules.Select(t => t.Address)];
        _tokens = [.. Tokens];
        _settlement = all.OfType<SettlementModule>().SingleOrDefault()?.Address ?? Address.Zero;
        _merchant = all.OfType<MerchantModule>().SingleOrDefault()?.Address ?? Address.Zero;
        RequireDeclared(all);
    }

    public IReadOnlyList<Address> Tokens { get; }

    public IReadOnlyList<AccountRecord> Genesis(BlockHeader genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        var records = new List<AccountRecord>();
        foreach (var token in _tokenModules)
        {
            foreach (var (account, amount) in token.GenesisBalances)
            {
                if (amount.IsZero)
                {
                    continue;
                }

                records.Add(new AccountRecord
                {
                    Account = account,
                    Token = token.Address,
                    Kind = RecordKind.OpeningBalance,
                    Direction = RecordDirection.In,
                    Amount = amount,
                    Counterparty = Address.Zero,
                    BlockNumber = genesis.Number,
                    Sequence = records.Count,
                    TransactionIndex = 0,
                    LogIndex = 0,
                    TimestampMs = genesis.TimestampMs,
                    TransactionHash = Hash32.Zero,
                });
            }
        }

        return records;
    }

    public IReadOnlyList<AccountRecord> Classify(Block block, IReadOnlyList<Receipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(receipts);
        var output = new List<AccountRecord>();
        var logIndex = 0;
        for (var i = 0; i < receipts.Count && i < block.Transactions.Count; i++)
        {
            var receipt = receipts[i];
            if (receipt.Success && receipt.Logs.Count > 0)
            {
                var scope = new TransactionScope(block, i, logIndex, output);
                ClassifyTransaction(scope, receipt.Logs);
                scope.Flush();
            }

            logIndex += receipt.Logs.Count;
        }

        return output;
    }

    private void ClassifyTransaction(TransactionScope scope, IReadOnlyList<LogEntry> logs)
    {
        var explanations = new List<Explanation>();
        for (var i = 0; i < logs.Count; i++)
        {
            Explain(scope, logs[i], scope.LogBase + i, explanations);
        }

        for (var i = 0; i < logs.Count; i++)
        {
            var log = logs[i];
            if (!IsTokenTransfer(log, out var from, out var to, out var amount))
            {
                continue;
            }

            var index = scope.LogBase + i;
            var explanation = explanations.FirstOrDefault(e => e.Explains(log.Address, from, to, amount));
            if (explanation is null)
            {
                AddPlain(scope, log.Address, from, to, amount, index);
                continue;
            }

            explanation.Used = true;
            var kind = explanation.Kind;
            if (!from.IsZero)
            {
                scope.Add(from, log.Address, kind, RecordDirection.Out, amount, explanation.FromCounterparty, index, explanation.FromVia, explanation.Reference, explanation.FromFee);
            }

            if (!to.IsZero)
            {
                scope.Add(to, log.Address, kind, RecordDirection.In, amount, explanation.ToCounterparty, index, explanation.ToVia, explanation.Reference);
            }
        }
    }

    /// <summary>A transfer no module event explains: a mint from or burn to the zero address (by the signer), a payment, or a payment to oneself.</summary>
    private static void AddPlain(TransactionScope scope, Address token, Address from, Address to, UInt256 amount, int index)
    {
        if (from.IsZero)
        {
            scope.Add(to, token, RecordKind.Mint, RecordDirection.In, amount, scope.Sender, index);
        }
        else if (to.IsZero)
        {
            scope.Add(from, token, RecordKind.Burn, RecordDirection.Out, amount, scope.Sender, index);
        }
        else if (from == to)
        {
            scope.Add(from, token, RecordKind.Transfer, RecordDirection.None, amount, from, index);
        }
        else
        {
            scope.Add(from, token, RecordKind.Transfer, RecordDirection.Out, amount, to, index);
            scope.Add(to, token, RecordKind.Transfer, RecordDirection.In, amount, from, index);
        }
    }

    private bool IsTokenTransfer(LogEntry log, out Address from, out Address to, out UInt256 amount)
    {
        from = default;
        to = default;
        amount = default;
        if (log.Topics.Count != 3 || log.Topics[0] != Erc20Events.Transfer.Topic0 || log.Data.Length != 32 || !_tokens.Contains(log.Address))
        {
            return false;
        }

        from = AbiTopic.ToAddress(log.Topics[1]);
        to = AbiTopic.ToAddress(log.Topics[2]);
        amount = UInt256.FromBigEndian(log.Data);
        return true;
    }
}
