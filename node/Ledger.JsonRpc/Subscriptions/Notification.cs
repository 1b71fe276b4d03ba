using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ledger.JsonRpc.Subscriptions;

/// <summary>Builds eth_subscription messages. A result is serialized once per event and framed per subscriber.</summary>
public static class Notification
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static ReadOnlySpan<byte> Prefix => "{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\""u8;

    private static ReadOnlySpan<byte> Middle => "\",\"result\":"u8;

    private static ReadOnlySpan<byte> Suffix => "}}"u8;

    /// <summary>The JSON of one result, written by <paramref name="write"/>.</summary>
    public static byte[] Serialize<T>(T state, Action<Utf8JsonWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The whole message for subscription <paramref name="id"/> (ids are 0x-hex, so need no escaping).</summary>
    public static byte[] Frame(string id, ReadOnlySpan<byte> resultJson)
    {
        ArgumentNullException.ThrowIfNull(id);
        var idLength = Encoding.ASCII.GetByteCount(id);
        var message = new byte[Prefix.Length + idLength + Middle.Length + resultJson.Length + Suffix.Length];
        var span = message.AsSpan();
        Prefix.CopyTo(span);
        var at = Prefix.Length;
        at += Encoding.ASCII.GetBytes(id, span[at..]);
        Middle.CopyTo(span[at..]);
        at += Middle.Length;
        resultJson.CopyTo(span[at..]);
        at += resultJson.Length;
        Suffix.CopyTo(span[at..]);
        return message;
    }
}
