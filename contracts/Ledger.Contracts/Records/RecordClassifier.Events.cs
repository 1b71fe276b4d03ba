using Ledger.Contracts.Merchants;
using Ledger.Contracts.Settlement;
using Ledger.Contracts.Tokens;
using Ledger.Core.Chain;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Records;

/// <summary>
/// The module events that say what a transfer was, decoded by the signatures below. The constructor checks that the
/// modules still declare each of them, so a changed event cannot silently turn into a plain transfer here.
/// </summary>
public sealed partial class RecordClassifier
{
    private const string TransferHeld = "TransferHeld(uint256,address,address,uint256,uint64)";
    private const string HeldReleased = "HeldTransferReleased(uint256,address,address,address,uint256)";
    private const string HeldReturned = "HeldTransferReturned(uint256,address,address,uint256,bool)";
    private const string Minted = "Minted(address,uint256,bytes32)";
    private const string Burned = "Burned(address,uint256,bytes32)";
    private const string Redeemed = "Redeemed(address,uint256,bytes32)";
    private const string Forced = "ForcedTransfer(address,address,uint256,bytes32)";
    private const string Recovered = "BalanceRecovered(address,address,uint256)";
    private const string FxSettled = "FxSettled(bytes32,address,address,address,address,address,uint256,uint256,uint256,uint256,uint256,bytes32)";
    private const string EscrowOpened = "EscrowOpened(uint256,address,address,address,uint256,uint64,bytes32)";
    private const string EscrowApproved = "EscrowApproved(uint256,address,address,address,address,uint256)";
    private const string EscrowRejected = "EscrowRejected(uint256,address,address,string,address,address,uint256)";
    private const string EscrowReclaimed = "EscrowReclaimed(uint256,address,address,address,uint256)";
    private const string HtlcLocked = "HtlcLocked(uint256,address,bytes32,address,address,uint256,uint64)";
    private const string HtlcClaimed = "HtlcClaimed(uint256,address,address,bytes32,address,uint256)";
    private const string HtlcRefunded = "HtlcRefunded(uint256,address,address,address,uint256)";
    private const string InvoicePaid = "InvoicePaid(uint256,address,address,uint256,uint256,uint256,uint256)";
    private const string InvoiceRefunded = "InvoiceRefunded(uint256,address,address,uint256,uint256)";

    private static readonly string[] TokenEvents = [TransferHeld, HeldReleased, HeldReturned, Minted, Burned, Redeemed, Forced, Recovered];
    private static readonly string[] SettlementEvents = [FxSettled, EscrowOpened, EscrowApproved, EscrowRejected, EscrowReclaimed, HtlcLocked, HtlcClaimed, HtlcRefunded];
    private static readonly string[] MerchantEvents = [InvoicePaid, InvoiceRefunded];

    private static readonly Dictionary<Hash32, string> Signatures =
        TokenEvents.Concat(SettlementEvents).Concat(MerchantEvents).ToDictionary(AbiTopic.OfEvent, s => s);

    private static void RequireDeclared(List<IModule> modules)
    {
        foreach (var module in modules.OfType<ModuleBase>())
        {
            string[] expected = module switch
            {
                DepositToken => TokenEvents,
                SettlementModule => SettlementEvents,
                MerchantModule => MerchantEvents,
                _ => [],
            };
            var declared = module.Events.Select(e => e.Signature).ToHashSet(StringComparer.Ordinal);
            if (expected.FirstOrDefault(e => !declared.Contains(e)) is { } missing)
            {
                throw new InvalidOperationException($"{module.Name} no longer declares {missing}; update the record classifier together with the event");
            }
        }
    }

    /// <summary>Adds what <paramref name="log"/> explains (a transfer to explain, outcome records); ignores logs it does not know.</summary>
    private void Explain(TransactionScope scope, LogEntry log, int index, List<Explanation> explanations)
    {
        if (log.Topics.Count == 0 || !Signatures.TryGetValue(log.Topics[0], out var signature))
        {
            return;
        }

        var emitter = log.Address;
        var known = (_tokens.Contains(emitter) && TokenEvents.Contains(signature))
            || (emitter == _settlement && !_settlement.IsZero && SettlementEvents.Contains(signature))
            || (emitter == _merchant && !_merchant.IsZero && MerchantEvents.Contains(signature));
        var parameters = signature.Count(c => c == ',') + 1;
        if (!known || log.Topics.Count != 1 + parameters - DataFields(signature))
        {
            return;
        }

        try
        {
            var reader = new AbiReader(log.Data, signature);
            var t = log.Topics;
            switch (signature)
            {
                case TransferHeld:
                    ExplainHeld(scope, explanations, emitter, t, ref reader, index);
                    break;
                case HeldReleased:
                    ExplainReleased(scope, explanations, emitter, t, ref reader, index);
                    break;
                case HeldReturned:
                    ExplainReturned(scope, explanations, emitter, t, ref reader, index);
                    break;
                case Minted or Burned or Redeemed:
                    ExplainSupply(scope, explanations, signature, emitter, t, ref reader);
                    break;
                case Forced or Recovered:
                    ExplainMove(explanations, signature, emitter, t, ref reader);
                    break;
                case FxSettled:
                    ExplainFx(explanations, t, ref reader);
                    break;
                case EscrowOpened or HtlcLocked:
                    ExplainLock(scope, explanations, signature, t, ref reader, index);
                    break;
                case EscrowApproved or HtlcClaimed:
                    ExplainPayout(scope, explanations, signature, t, ref reader, index);
                    break;
                case EscrowRejected or EscrowReclaimed or HtlcRefunded:
                    ExplainRefund(scope, explanations, signature, t, ref reader, index);
                    break;
                case InvoicePaid or InvoiceRefunded:
                    ExplainInvoice(explanations, signature, t, ref reader);
                    break;
            }
        }
        catch (AbiException)
        {
            // A module wrote an event this build cannot read: its transfer stays a plain one rather than stop the chain.
        }
    }

    /// <summary>How many of the signature's parameters are in the data (not indexed), per the module's declarations.</summary>
    private static int DataFields(string signature) => signature switch
    {
        TransferHeld => 2,
        HeldReleased => 2,
        HeldReturned => 2,
        Minted or Burned or Redeemed => 1,
        Forced => 1,
        Recovered => 1,
        FxSettled => 9,
        EscrowOpened => 4,
        EscrowApproved => 3,
        EscrowRejected => 4,
        EscrowReclaimed => 2,
        HtlcLocked => 4,
        HtlcClaimed => 3,
        HtlcRefunded => 2,
        InvoicePaid => 4,
        InvoiceRefunded => 2,
        _ => 0,
    };

    private static Address A(IReadOnlyList<Hash32> topics, int i) => AbiTopic.ToAddress(topics[i]);
}
