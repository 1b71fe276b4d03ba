namespace Ledger.Access;

/// <summary>What the gate reports for metrics (the node counts them in Prometheus).</summary>
public interface IAccessObserver
{
    /// <summary>A request could not be authenticated on <paramref name="surface"/> for <paramref name="reason"/>.</summary>
    void AuthenticationFailed(AccessSurface surface, string reason);

    /// <summary>An authenticated caller was refused <paramref name="method"/> (a name the node serves, so the label set is bounded).</summary>
    void Denied(string method);

    /// <summary>An audit record could not be written.</summary>
    void AuditFailed();
}
