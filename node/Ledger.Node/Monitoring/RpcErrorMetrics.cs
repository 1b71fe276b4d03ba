using System.Globalization;
using Ledger.JsonRpc;

namespace Ledger.Node.Monitoring;

/// <summary>Counts the JSON-RPC endpoint's error responses in <c>ledger_rpc_errors_total{code}</c>.</summary>
internal sealed class RpcErrorMetrics(NodeMetrics metrics) : IJsonRpcObserver
{
    public void ErrorReturned(int code) => metrics.RpcErrors.WithLabels(code.ToString(CultureInfo.InvariantCulture)).Inc();
}
