using System.Buffers;
using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;
using Ledger.JsonRpc.WebSockets;
using Microsoft.Extensions.Logging;

namespace Ledger.JsonRpc;

/// <summary>
/// Turns one HTTP body (a request or a batch) into the response bytes. Transport-free so it can be driven
/// from HTTP, WebSocket or a benchmark. Synchronous by design: handlers call the backend, which is in-process.
/// Two bounds hold per call, batch or not: each call takes a rate-limit token, and what is written may not pass
/// <see cref="JsonRpcOptions.MaxResponseBytes"/> (one result, or a whole batch response) — a call that would
/// gets -32005 in its own entry, so a batch response stays a valid array.
/// </summary>
public sealed partial class JsonRpcProcessor
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Responses are application/json, never HTML, so '<', '\'' and non-ASCII need no escaping.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private const int ScratchKeepLimit = 1 << 20;

    // Handlers run synchronously on the request thread, so per-thread writers are never shared.
    [ThreadStatic]
    private static Utf8JsonWriter? _threadOutput;

    [ThreadStatic]
    private static Scratch? _threadScratch;

    private readonly FrozenDictionary<string, RpcHandler>.AlternateLookup<ReadOnlySpan<char>> _methods;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _names;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _switchedOff;
    private readonly JsonRpcOptions _options;
    private readonly ILogger _logger;

    /// <param name="switchedOff">Methods that exist but whose namespace this node does not serve (named in the -32601 message).</param>
    public JsonRpcProcessor(FrozenDictionary<string, RpcHandler> methods, JsonRpcOptions options, ILogger logger, IEnumerable<string>? switchedOff = null)
    {
        ArgumentNullException.ThrowIfNull(methods);
        _methods = methods.GetAlternateLookup<ReadOnlySpan<char>>();
        _names = methods.Keys.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _switchedOff = (switchedOff ?? []).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _options = options;
        _logger = logger;
    }

    /// <summary>Told about every error response (monitoring); null for none.</summary>
    public IJsonRpcObserver? Observer { get; set; }

    /// <summary>Writes the response for <paramref name="body"/>; returns false when nothing is owed (only notifications).</summary>
    public bool Process(ReadOnlySequence<byte> body, IBufferWriter<byte> output) => Process(body, output, null);

    /// <summary>
    /// As <see cref="Process(ReadOnlySequence{byte}, IBufferWriter{byte})"/>, charging every call (each call of a
    /// batch too) one token of <paramref name="rate"/>; a call without a token is answered -32005 and not run.
    /// </summary>
    public bool Process(ReadOnlySequence<byte> body, IBufferWriter<byte> output, RateLimiter? rate) => Process(body, output, rate, null);

    /// <summary>
    /// As above, authorizing every call (each call of a batch, each subscription kind) for <paramref name="caller"/>
    /// through its access gate: a refused call gets -40100 in its own entry and is not run; privileged calls are
    /// written to the audit log with their outcome.
    /// </summary>
    public bool Process(ReadOnlySequence<byte> body, IBufferWriter<byte> output, RateLimiter? rate, RpcCaller? caller)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            Observer?.ErrorReturned(JsonRpcErrorCode.ParseError);
            WriteError(output, JsonRpcErrorCode.ParseError, $"parse error: {e.Message}");
            return true;
        }

        using (document)
        {
            var writer = Output(output);
            var scratch = _threadScratch ??= new Scratch();
            var root = document.RootElement;
            var wrote = root.ValueKind == JsonValueKind.Array
                ? ProcessBatch(root, writer, scratch, rate, caller)
                : ProcessOne(root, writer, scratch, rate, caller);
            writer.Flush();
            if (scratch.Buffer.Inner.Capacity > ScratchKeepLimit)
            {
                _threadScratch = null;
            }

            return wrote;
        }
    }

    /// <summary>Writes a lone error response with a null id (parse errors, oversized bodies).</summary>
    public static void WriteError(IBufferWriter<byte> output, int code, string message)
    {
        var writer = Output(output);
        WriteResponseStart(writer, default);
        WriteErrorObject(writer, new JsonRpcError(code, message));
        writer.WriteEndObject();
        writer.Flush();
    }

    private bool ProcessBatch(JsonElement batch, Utf8JsonWriter writer, Scratch scratch, RateLimiter? rate, RpcCaller? caller)
    {
        var count = batch.GetArrayLength();
        if (count == 0)
        {
            Observer?.ErrorReturned(JsonRpcErrorCode.InvalidRequest);
            WriteStandaloneError(writer, JsonRpcErrorCode.InvalidRequest, "invalid request: empty batch");
            return true;
        }

        if (count > _options.MaxBatchSize)
        {
            Observer?.ErrorReturned(JsonRpcErrorCode.InvalidRequest);
            WriteStandaloneError(writer, JsonRpcErrorCode.InvalidRequest, $"invalid request: batch of {count} requests exceeds the limit of {_options.MaxBatchSize}");
            return true;
        }

        // The array is opened lazily: a batch of notifications only is owed no response at all.
        var opened = false;
        foreach (var item in batch.EnumerateArray())
        {
            // What the entries so far took is what the rest of the batch may still use; once it is gone, the
            // remaining calls are not run at all and each gets -32005 (a short error entry).
            var used = writer.BytesCommitted + writer.BytesPending;
            var outcome = Execute(item, scratch, rate, _options.MaxResponseBytes - used, inBatch: true, caller);
            if (outcome.Respond)
            {
                if (!opened)
                {
                    writer.WriteStartArray();
                    opened = true;
                }

                WriteResponse(writer, outcome, scratch);
            }
        }

        if (opened)
        {
            writer.WriteEndArray();
        }

        return opened;
    }

    private bool ProcessOne(JsonElement request, Utf8JsonWriter writer, Scratch scratch, RateLimiter? rate, RpcCaller? caller)
    {
        var outcome = Execute(request, scratch, rate, _options.MaxResponseBytes, inBatch: false, caller);
        if (outcome.Respond)
        {
            WriteResponse(writer, outcome, scratch);
        }

        return outcome.Respond;
    }

    private void WriteResponse(Utf8JsonWriter writer, Outcome outcome, Scratch scratch)
    {
        WriteResponseStart(writer, outcome.Id);
        if (outcome.Error is { } error)
        {
            Observer?.ErrorReturned(error.Code);
            WriteErrorObject(writer, error);
        }
        else
        {
            writer.WritePropertyName("result"u8);
            writer.WriteRawValue(scratch.Buffer.WrittenSpan, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }

    private static void WriteStandaloneError(Utf8JsonWriter writer, int code, string message)
    {
        WriteResponseStart(writer, default);
        WriteErrorObject(writer, new JsonRpcError(code, message));
        writer.WriteEndObject();
    }

    private static void WriteResponseStart(Utf8JsonWriter writer, JsonElement id)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        writer.WritePropertyName("id"u8);
        if (id.ValueKind is JsonValueKind.Number or JsonValueKind.String)
        {
            // The id's exact bytes: 1.0 stays 1.0, escapes in a string id stay as sent.
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(id), skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteErrorObject(Utf8JsonWriter writer, JsonRpcError error)
    {
        writer.WritePropertyName("error"u8);
        writer.WriteStartObject();
        writer.WriteNumber("code"u8, error.Code);
        writer.WriteString("message"u8, error.Message);
        if (error.Data is { } data)
        {
            writer.WriteData("data"u8, data);
        }

        writer.WriteEndObject();
    }

    private static Utf8JsonWriter Output(IBufferWriter<byte> output)
    {
        var writer = _threadOutput;
        if (writer is null)
        {
            writer = _threadOutput = new Utf8JsonWriter(output, WriterOptions);
        }
        else
        {
            writer.Reset(output);
        }

        return writer;
    }

    /// <summary>
    /// A reusable buffer a handler writes its result into, so a failing handler leaves no partial output and a
    /// result over its byte limit stops being written as soon as it crosses it.
    /// </summary>
    private sealed class Scratch
    {
        public Scratch()
        {
            Writer = new Utf8JsonWriter(Buffer, WriterOptions);
        }

        public BoundedBufferWriter Buffer { get; } = new();

        public Utf8JsonWriter Writer { get; }

        public Utf8JsonWriter Begin(long limit)
        {
            Buffer.Reset(limit);
            Writer.Reset(Buffer);
            return Writer;
        }
    }

    /// <summary>What one request produced: its id, whether a response is owed, and the error (null = result in scratch).</summary>
    private readonly record struct Outcome(JsonElement Id, bool Respond, JsonRpcError? Error);
}
