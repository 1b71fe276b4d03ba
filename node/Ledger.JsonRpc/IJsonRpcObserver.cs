namespace Ledger.JsonRpc;

/// <summary>
/// Told about every error response the endpoint sends (a failed call in a batch counts once per call), so the host can
/// count them for monitoring without this layer knowing about metrics. Called on the request thread: keep it cheap.
/// </summary>
public interface IJsonRpcObserver
{
    void ErrorReturned(int code);
}
