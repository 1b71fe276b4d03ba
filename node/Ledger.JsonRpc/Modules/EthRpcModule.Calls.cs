using System.Buffers;
using System.Text.Json;
using Ledger.Core.Encoding;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

public sealed partial class EthRpcModule
{
    private const int StackRawLimit = 1024;

    /// <summary>Runs a read-only call; a revert is error 3 with the revert data, exactly as geth reports it.</summary>
    public JsonRpcError? eth_call(RpcParams p, Utf8JsonWriter result)
    {
        var outcome = Simulate(p);
        if (!outcome.Success)
        {
            return CallFailed(outcome);
        }

        result.WriteDataValue(outcome.Output);
        return null;
    }

    /// <summary>The gas the call uses (intrinsic plus the module function's fixed cost); a revert fails as in eth_call.</summary>
    public JsonRpcError? eth_estimateGas(RpcParams p, Utf8JsonWriter result)
    {
        var outcome = Simulate(p);
        if (!outcome.Success)
        {
            return CallFailed(outcome);
        }

        result.WriteQuantityValue(outcome.GasUsed);
        return null;
    }

    /// <summary>
    /// Parses (call object, block, state overrides) as eth_call and eth_estimateGas both take it, and runs the
    /// call. The overrides are parsed before the block so a malformed override is -32602 whatever the block.
    /// </summary>
    private CallOutcome Simulate(RpcParams p)
    {
        p.Expect(1, 3);
        var request = CallRequestParser.Parse(p[0], new ArgPath(0));
        var overrides = p.Count > 2 ? StateOverrideParser.Parse(p[2], new ArgPath(2)) : [];
        var block = StateBlock(p.Block(1), 1);
        return overrides.Count == 0 ? backend.Call(request, block) : backend.Call(request, block, overrides);
    }

    /// <summary>
    /// The hot path of every client and the benchmark: hex is decoded from the request bytes into a stack or
    /// pooled buffer, and the backend decodes, recovers and admits.
    /// </summary>
    public JsonRpcError? eth_sendRawTransaction(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        var element = p[0];
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new ArgPath(0).Error($"expected a hex string, got {JsonParse.Describe(element)}");
        }

        var text = JsonParse.Utf8(element);
        var problem = HexParser.CheckData(text);
        if (problem is not null)
        {
            throw new ArgPath(0).Error(problem);
        }

        var length = (text.Length - 2) / 2;
        byte[]? rented = null;
        var raw = length <= StackRawLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            HexParser.DecodeData(text, raw);
            var submitted = backend.Submit(raw);
            if (!submitted.Accepted)
            {
                var code = submitted.ErrorCode != 0 ? submitted.ErrorCode : JsonRpcErrorCode.InvalidInput;
                return new JsonRpcError(code, submitted.Error ?? "transaction rejected");
            }

            result.WriteHashValue(submitted.Hash);
            return null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// geth's shape: a revert is code 3, "execution reverted[: reason]", data = the revert bytes; any other
    /// failure (no module at the address, out of gas …) is -32000 with the backend's message.
    /// </summary>
    private static JsonRpcError CallFailed(CallOutcome outcome)
    {
        if (outcome.Error is not null)
        {
            return JsonRpcError.InvalidInput(outcome.Error);
        }

        var data = outcome.Output.Length > 0
            ? outcome.Output
            : outcome.RevertReason is { } text ? EncodeError(text) : [];
        var reason = outcome.RevertReason ?? ReasonOf(data);
        var message = string.IsNullOrEmpty(reason) ? "execution reverted" : "execution reverted: " + reason;
        return new JsonRpcError(JsonRpcErrorCode.ExecutionReverted, message, data.Length > 0 ? data : null);
    }

    /// <summary>The string of ABI-encoded Error(string) revert data, or null for any other data.</summary>
    private static string? ReasonOf(byte[] data)
    {
        if (data.Length < 4 + 64 || AbiSelector.Read(data) != ErrorSelector)
        {
            return null;
        }

        try
        {
            return new AbiReader(data.AsSpan(4), "Error").ReadString("reason");
        }
        catch (AbiException)
        {
            return null;
        }
    }

    /// <summary>Error(string) revert data, for a backend that reports only the reason.</summary>
    private static byte[] EncodeError(string reason)
    {
        var arguments = AbiWriter.EncodeString(reason);
        var data = new byte[4 + arguments.Length];
        AbiSelector.Write(ErrorSelector, data);
        arguments.CopyTo(data, 4);
        return data;
    }

    private const uint ErrorSelector = 0x08c379a0;
}
