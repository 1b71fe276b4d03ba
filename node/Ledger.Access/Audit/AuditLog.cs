using System.Security.Cryptography;
using System.Text.Json;

namespace Ledger.Access.Audit;

/// <summary>
/// The operator audit log: one JSON object per line, appended and flushed to disk before the call's answer leaves
/// the node, rotated by size (<c>path.1</c> is the newest old file). Thread-safe: one lock around each append, which is
/// fine because only privileged calls are audited. A failed write marks the log unavailable; the gate then refuses
/// privileged calls (fail closed) until a write succeeds again.
/// </summary>
public sealed class AuditLog : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    private readonly AuditLogOptions _options;
    private readonly Lock _lock = new();
    private FileStream? _file;
    private bool _disposed;

    public AuditLog(AuditLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxFileBytes < 4096 || options.MaxFiles < 1)
        {
            throw new AccessConfigurationException("audit log: maxFileBytes must be at least 4096 and maxFiles at least 1");
        }

        _options = options;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(options.Path));
        try
        {
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AccessConfigurationException($"cannot create the folder of the audit log '{options.Path}': {ex.Message}", ex);
        }

        // Open now: an audit log that cannot be written is a setup error, not a surprise at the first operator call.
        lock (_lock)
        {
            if (!TryOpen(out var error))
            {
                throw new AccessConfigurationException($"cannot open the audit log '{options.Path}': {error}");
            }
        }
    }

    public string Path => _options.Path;

    /// <summary>False after a failed write until a reopen succeeds.</summary>
    public bool IsAvailable
    {
        get
        {
            lock (_lock)
            {
                return _file is not null || TryOpen(out _);
            }
        }
    }

    /// <summary>SHA-256 of <paramref name="canonical"/> as 0x hex.</summary>
    public static string Digest(ReadOnlySpan<byte> canonical) => "0x" + Convert.ToHexStringLower(SHA256.HashData(canonical));

    /// <summary>Appends and flushes one record; false when it could not be written (the log is then unavailable).</summary>
    public bool TryAppend(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = Encode(record);
        lock (_lock)
        {
            if (_disposed || (_file is null && !TryOpen(out _)))
            {
                return false;
            }

            try
            {
                if (_file!.Length > 0 && _file.Length + line.Length > _options.MaxFileBytes)
                {
                    Rotate();
                }

                _file!.Write(line);
                _file.Flush(flushToDisk: true);
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _file?.Dispose();
                _file = null;
                return false;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _file?.Dispose();
            _file = null;
        }
    }

    private static byte[] Encode(AuditRecord record)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("time", record.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("subject", record.Subject);
            writer.WriteStartArray("roles");
            foreach (var role in record.Roles.Order(StringComparer.Ordinal))
            {
                writer.WriteStringValue(role);
            }

            writer.WriteEndArray();
            writer.WriteString("auth", record.Kind switch
            {
                AuthenticationKind.Bearer => "bearer",
                AuthenticationKind.ClientCertificate => "certificate",
                _ => "open",
            });
            writer.WriteString("surface", AccessSurfaceNames.Of(record.Surface));
            writer.WriteString("method", record.Method);
            writer.WriteString("paramsSha256", record.ParamsSha256);
            writer.WriteString("result", record.Result);
            if (record.Code is { } code)
            {
                writer.WriteNumber("code", code);
            }

            if (record.Remote is not null)
            {
                writer.WriteString("remote", record.Remote);
            }

            writer.WriteEndObject();
        }

        System.Buffers.BuffersExtensions.Write(buffer, "\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private bool TryOpen(out string? error)
    {
        if (_disposed)
        {
            error = "the audit log is closed";
            return false;
        }

        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows())
            {
                // Subjects and remote addresses are not secrets, but the trail is the operators' business only.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            _file = new FileStream(_options.Path, options);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _file = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>path.(N-1) → path.N, …, path → path.1, then a fresh path. Called under the lock.</summary>
    private void Rotate()
    {
        _file!.Dispose();
        _file = null;
        var path = _options.Path;
        var oldest = $"{path}.{_options.MaxFiles}";
        if (File.Exists(oldest))
        {
            File.Delete(oldest);
        }

        for (var i = _options.MaxFiles - 1; i >= 1; i--)
        {
            var from = $"{path}.{i}";
            if (File.Exists(from))
            {
                File.Move(from, $"{path}.{i + 1}");
            }
        }

        File.Move(path, $"{path}.1");
        if (!TryOpen(out var error))
        {
            throw new IOException(error);
        }
    }
}
