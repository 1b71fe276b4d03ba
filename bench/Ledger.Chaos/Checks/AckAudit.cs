using Ledger.Chaos.Workload;

namespace Ledger.Chaos.Checks;

/// <summary>
/// The end-of-scenario verdict on every acknowledgement, after the heal, the drain and the workload's resends: an
/// acknowledged payment must be committed exactly once (the <see cref="ChainRecord"/> checks "once") or reported
/// dropped by a node with a reason; anything else is lost. A payment a node acknowledged and later answered "unknown"
/// for without having crashed is forgotten — a violation even if a resend then committed it. A committed payment must
/// have succeeded. Pure: it reads only the records.
/// </summary>
public static class AckAudit
{
    public static (AckSummary Summary, IReadOnlyList<Violation> Violations) Run(IReadOnlyCollection<PaymentRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var violations = new List<Violation>();
        int acknowledged = 0, committed = 0, unacknowledgedCommits = 0, dropped = 0, resent = 0, resentAfterCrash = 0, lost = 0, forgotten = 0, reverted = 0;
        foreach (var record in records.OrderBy(r => r.Payment.Id))
        {
            lock (record.Sync)
            {
                var isAcked = record.Acks.Count > 0;
                var isCommitted = record.Height is not null;
                acknowledged += isAcked ? 1 : 0;
                committed += isCommitted ? 1 : 0;
                unacknowledgedCommits += isCommitted && !isAcked ? 1 : 0;
                resent += record.Resends > 0 ? 1 : 0;
                resentAfterCrash += record.ResentAfterCrash ? 1 : 0;
                var p = record.Payment;
                if (record.Forgotten is { } how)
                {
                    forgotten++;
                    violations.Add(new Violation(ViolationKind.ForgottenWithoutCrash, $"payment #{p.Id} ({p.Kind}, {p.Hash}, account {p.Sender} nonce {p.Nonce}): {how}"));
                }

                if (isCommitted && record.Succeeded == false)
                {
                    reverted++;
                    violations.Add(new Violation(ViolationKind.Reverted, $"payment #{p.Id} ({p.Kind}, {p.Hash}) committed in block {record.Height} but failed"));
                }

                if (!isAcked || isCommitted)
                {
                    continue;
                }

                if (record.DroppedReason is not null)
                {
                    dropped++;
                    continue;
                }

                lost++;
                var acks = string.Join(", ", record.Acks.Select(a => $"node {a.Node} at {a.At.TotalSeconds:F1} s"));
                violations.Add(new Violation(
                    ViolationKind.LostTransaction,
                    $"payment #{p.Id} ({p.Kind}, {p.Hash}, account {p.Sender} nonce {p.Nonce}) was acknowledged ({acks}), resent {record.Resends} time(s), and is neither committed nor reported dropped{(record.NonceUsed ? " (a node said its nonce was used)" : "")}"));
            }
        }

        return (new AckSummary(records.Count, acknowledged, committed, unacknowledgedCommits, dropped, resent, resentAfterCrash, lost, forgotten, reverted), violations);
    }
}
