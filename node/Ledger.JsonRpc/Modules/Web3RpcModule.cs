using System.Text.Json;
using Ledger.Core.Crypto;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

/// <summary>The web3_ namespace.</summary>
public sealed class Web3RpcModule(ILedgerBackend backend)
{
    public JsonRpcError? web3_clientVersion(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteStringValue(backend.ClientVersion);
        return null;
    }

    /// <summary>Keccak-256 (not SHA3-256) of the given data, as every Ethereum client computes it.</summary>
    public JsonRpcError? web3_sha3(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        result.WriteHashValue(Keccak256.Hash(p.Data(0)));
        return null;
    }
}
