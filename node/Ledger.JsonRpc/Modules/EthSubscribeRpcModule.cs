using System.Text.Json;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Subscriptions;

namespace Ledger.JsonRpc.Modules;

/// <summary>
/// eth_subscribe / eth_unsubscribe. Only a connection that can carry notifications (a WebSocket) may subscribe;
/// over HTTP both answer geth's "notifications not supported" (-32601).
/// </summary>
public sealed class EthSubscribeRpcModule(SubscriptionManager subscriptions, JsonRpcOptions options)
{
    public JsonRpcError? eth_subscribe(RpcParams p, Utf8JsonWriter result)
    {
        var connection = RpcConnection.Current;
        if (connection is null)
        {
            return NotSupported();
        }

        p.Expect(1, 2);
        var kindArgument = p[0];
        var kind = kindArgument.ValueKind == JsonValueKind.String ? kindArgument.GetString() : null;
        string id;
        switch (kind)
        {
            case "newHeads":
                p.Expect(1, 1);
                id = subscriptions.Subscribe(connection, SubscriptionKind.NewHeads, null, false);
                break;
            case "logs":
                var criteria = p.IsPresent(1) ? Criteria(p[1]) : LogCriteria.Any;
                id = subscriptions.Subscribe(connection, SubscriptionKind.Logs, criteria, false);
                break;
            case "newPendingTransactions":
                var full = p.IsPresent(1) && p.Bool(1);
                id = subscriptions.Subscribe(connection, SubscriptionKind.NewPendingTransactions, null, full);
                break;
            default:
                throw JsonRpcException.InvalidParams(
                    $"invalid argument 0: unsupported subscription type {JsonParse.Describe(kindArgument)}, want newHeads, logs or newPendingTransactions");
        }

        result.WriteStringValue(id);
        return null;
    }

    public JsonRpcError? eth_unsubscribe(RpcParams p, Utf8JsonWriter result)
    {
        var connection = RpcConnection.Current;
        if (connection is null)
        {
            return NotSupported();
        }

        p.Expect(1, 1);
        if (p[0].ValueKind != JsonValueKind.String)
        {
            throw JsonRpcException.InvalidParams($"invalid argument 0: subscription id must be a string, got {JsonParse.Describe(p[0])}");
        }

        result.WriteBooleanValue(subscriptions.Unsubscribe(connection, p[0].GetString()!));
        return null;
    }

    /// <summary>A logs subscription takes address and topics only: it follows new blocks, so a range or blockHash makes no sense.</summary>
    private LogCriteria Criteria(JsonElement filter)
    {
        var request = LogFilterParser.Parse(filter, new ArgPath(1), options);
        if (request.BlockHash is not null || request.FromBlock is not null || request.ToBlock is not null)
        {
            throw JsonRpcException.InvalidParams("invalid argument 1: a logs subscription takes only address and topics");
        }

        return request.Criteria;
    }

    private static JsonRpcError NotSupported() =>
        new(JsonRpcErrorCode.MethodNotFound, "notifications not supported: subscribe over a WebSocket connection (ws://)");
}
