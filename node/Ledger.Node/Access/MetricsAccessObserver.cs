using Ledger.Access;
using Ledger.Node.Monitoring;

namespace Ledger.Node.Access;

/// <summary>Counts the gate's refusals in the node's Prometheus registry.</summary>
internal sealed class MetricsAccessObserver(NodeMetrics metrics) : IAccessObserver
{
    public void AuthenticationFailed(AccessSurface surface, string reason) =>
        metrics.AuthFailures.WithLabels(AccessSurfaceNames.Of(surface), reason).Inc();

    public void Denied(string method) => metrics.AuthDenied.WithLabels(method).Inc();

    public void AuditFailed() => metrics.AuditFailures.Inc();
}
