using System.Globalization;
using System.Text.Json;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

/// <summary>The net_ namespace.</summary>
public sealed class NetRpcModule(ILedgerBackend backend)
{
    /// <summary>The chain id as a decimal string (net_version predates hex quantities).</summary>
    public JsonRpcError? net_version(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteStringValue(backend.ChainId.ToString(CultureInfo.InvariantCulture));
        return null;
    }

    public JsonRpcError? net_listening(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteBooleanValue(true);
        return null;
    }

    /// <summary>Validators connected to this node (authenticated consortium members only); 0 on a single validator.</summary>
    public JsonRpcError? net_peerCount(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteQuantityValue((ulong)backend.PeerCount);
        return null;
    }
}
