namespace Ledger.Node.Production;

/// <summary>
/// Called when the node can no longer run safely, e.g. a block commit failed (I/O error, corruption). The
/// production implementation stops the process with a non-zero exit code; tests substitute a recorder.
/// After this call the caller writes nothing more (DESIGN.md §6: no writes after a failed write).
/// </summary>
public interface IFatalErrorHandler
{
    void OnFatalError(string message, Exception exception);
}
