using System.Buffers;
using System.Text.Json;

namespace Ledger.LoadGen.Rpc;

/// <summary>Serializes JSON-RPC request bodies (single and batch) to UTF-8.</summary>
public static class JsonRpcBodies
{
    public static byte[] Single(long id, string method, IReadOnlyList<object?> parameters)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteRequest(writer, id, method, parameters);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Batch(long firstId, IReadOnlyList<JsonRpcCall> calls)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * Math.Max(1, calls.Count));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < calls.Count; i++)
            {
                WriteRequest(writer, firstId + i, calls[i].Method, calls[i].Parameters);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A batch of eth_sendRawTransaction with ids firstId, firstId+1, …: the load generator's hot request.</summary>
    public static byte[] SendRawBatch(long firstId, IReadOnlyList<string> rawHex)
    {
        var buffer = new ArrayBufferWriter<byte>(rawHex.Count * (rawHex.Count > 0 ? rawHex[0].Length + 80 : 1));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < rawHex.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("jsonrpc", "2.0");
                writer.WriteNumber("id", firstId + i);
                writer.WriteString("method", "eth_sendRawTransaction");
                writer.WriteStartArray("params");
                writer.WriteStringValue(rawHex[i]);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRequest(Utf8JsonWriter writer, long id, string method, IReadOnlyList<object?> parameters)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WriteNumber("id", id);
        writer.WriteString("method", method);
        writer.WriteStartArray("params");
        foreach (var parameter in parameters)
        {
            if (parameter is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(writer, parameter, parameter.GetType());
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
