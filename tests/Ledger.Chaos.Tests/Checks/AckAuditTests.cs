using Ledger.Chaos.Checks;
using Ledger.Chaos.Workload;

namespace Ledger.Chaos.Tests.Checks;

/// <summary>The acknowledgement audit can fail: a planted lost, forgotten or failed payment is reported.</summary>
public sealed class AckAuditTests
{
    [Fact]
    public void Committed_and_dropped_with_a_reason_are_accounted_for_and_nothing_is_lost()
    {
        var dropped = Payments.Acked(2);
        dropped.DroppedReason = "evicted: the pool was full";
        var neverAcked = new PaymentRecord(Payments.Transfer(3, 5));
        var resent = Payments.Acked(4).Committed(9);
        resent.Resends = 1;
        resent.ResentAfterCrash = true;

        var (summary, violations) = AckAudit.Run([Payments.Acked(1).Committed(5), dropped, neverAcked, resent]);

        Assert.Empty(violations);
        Assert.Equal(new AckSummary(4, 3, 2, 0, 1, 1, 1, 0, 0, 0), summary);
    }

    [Fact]
    public void An_acknowledged_payment_neither_committed_nor_dropped_is_lost()
    {
        var lost = Payments.Acked(7, node: 2, atSeconds: 3.5);
        lost.Resends = 2;

        var (summary, violations) = AckAudit.Run([Payments.Acked(1).Committed(5), lost]);

        Assert.Equal(1, summary.Lost);
        var violation = Assert.Single(violations);
        Assert.Equal(ViolationKind.LostTransaction, violation.Kind);
        Assert.Contains("payment #7", violation.Message, StringComparison.Ordinal);
        Assert.Contains("node 2 at 3.5 s", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payment_a_node_forgot_without_crashing_is_a_violation_even_if_a_resend_committed_it()
    {
        var forgotten = Payments.Acked(3).Committed(8);
        forgotten.Forgotten = "node 1 acknowledged it at 2.0 s, did not crash since, and answered 'unknown'";

        var (summary, violations) = AckAudit.Run([forgotten]);

        Assert.Equal(1, summary.Forgotten);
        Assert.Equal(ViolationKind.ForgottenWithoutCrash, Assert.Single(violations).Kind);
    }

    [Fact]
    public void A_committed_payment_that_failed_is_reported()
    {
        var (summary, violations) = AckAudit.Run([Payments.Acked(1).Committed(5, succeeded: false)]);

        Assert.Equal(1, summary.Reverted);
        Assert.Equal(ViolationKind.Reverted, Assert.Single(violations).Kind);
    }
}
