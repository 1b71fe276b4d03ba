using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Network.Transport;

/// <summary>
/// A certificate read from PEM files and reloaded when they change, without a restart: TLS servers ask for
/// <see cref="Current"/> at each handshake, so new connections get the new certificate while open ones keep theirs.
/// Changes are noticed by a FileSystemWatcher on the files' folders and, because editors and secret managers replace
/// files in ways watchers can miss (rename over, symlink swaps), by a periodic check of the files' content hash.
/// A pair that does not load (a new certificate next to the old key, half-written files) is ignored and retried at
/// the next change or check; the previous certificate stays in use, so a rotation never leaves the node without one.
/// </summary>
public sealed partial class ReloadingCertificate : IDisposable
{
    /// <summary>Default period of the content check behind the watcher.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(10);

    // Cert and key are usually written one after the other: wait this long after a file event before loading.
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    private readonly string _certificatePath;
    private readonly string? _keyPath;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _poll;
    private readonly ITimer _debounce;
    private X509Certificate2 _current;
    private byte[] _hash;
    private byte[]? _failedHash;
    private bool _disposed;

    private ReloadingCertificate(string certificatePath, string? keyPath, ILogger? logger, TimeSpan? pollInterval, TimeProvider? time)
    {
        _certificatePath = Path.GetFullPath(certificatePath);
        _keyPath = keyPath is null ? null : Path.GetFullPath(keyPath);
        _logger = logger ?? NullLogger.Instance;
        var (bytes, hash) = Read();
        _current = Load(bytes);
        _hash = hash;
        time ??= TimeProvider.System;
        var interval = pollInterval ?? DefaultPollInterval;
        _debounce = time.CreateTimer(_ => CheckNow(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _poll = time.CreateTimer(_ => CheckNow(), null, interval, interval);
        foreach (var directory in new[] { _certificatePath, _keyPath }.OfType<string>().Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal))
        {
            TryWatch(directory!);
        }
    }

    /// <summary>The certificate in use now (with its private key when loaded as a key pair).</summary>
    public X509Certificate2 Current => Volatile.Read(ref _current);

    /// <summary>Raised after a new certificate was loaded (on a timer thread).</summary>
    public event Action<X509Certificate2>? Reloaded;

    /// <summary>A certificate with its private key (a server or client identity). Throws <see cref="InvalidOperationException"/> if it does not load now.</summary>
    public static ReloadingCertificate KeyPair(string certificatePath, string keyPath, ILogger? logger = null, TimeSpan? pollInterval = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPath);
        return new ReloadingCertificate(certificatePath, keyPath, logger, pollInterval, time);
    }

    /// <summary>A CA certificate (trust anchor), without a key.</summary>
    public static ReloadingCertificate Authority(string certificatePath, ILogger? logger = null, TimeSpan? pollInterval = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePath);
        return new ReloadingCertificate(certificatePath, null, logger, pollInterval, time);
    }

    /// <summary>Reads the files and swaps the certificate if their content changed and loads; true when it swapped.</summary>
    public bool CheckNow()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            byte[][] bytes;
            byte[] hash;
            try
            {
                (bytes, hash) = Read();
            }
            catch (InvalidOperationException ex)
            {
                LogUnreadable(_logger, _certificatePath, ex.Message);
                return false;
            }

            if (hash.AsSpan().SequenceEqual(_hash) || (_failedHash is not null && hash.AsSpan().SequenceEqual(_failedHash)))
            {
                return false;
            }

            X509Certificate2 loaded;
            try
            {
                loaded = Load(bytes);
            }
            catch (InvalidOperationException ex)
            {
                _failedHash = hash;
                LogReloadFailed(_logger, _certificatePath, ex.Message);
                return false;
            }

            var previous = _current;
            Volatile.Write(ref _current, loaded);
            _hash = hash;
            _failedHash = null;
            LogReloaded(_logger, _certificatePath, previous.Thumbprint, loaded.Thumbprint, loaded.NotAfter);

            // The old certificate is not disposed: a handshake that already picked it may still be using it.
            Reloaded?.Invoke(loaded);
            return true;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _poll.Dispose();
        _debounce.Dispose();
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
    }

    private (byte[][] Bytes, byte[] Hash) Read()
    {
        try
        {
            byte[][] bytes = _keyPath is null ? [File.ReadAllBytes(_certificatePath)] : [File.ReadAllBytes(_certificatePath), File.ReadAllBytes(_keyPath)];
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var part in bytes)
            {
                sha.AppendData(part);
                sha.AppendData([0]);
            }

            return (bytes, sha.GetHashAndReset());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot read {_certificatePath}{(_keyPath is null ? "" : $" / {_keyPath}")}: {ex.Message}", ex);
        }
    }

    private X509Certificate2 Load(byte[][] bytes)
    {
        try
        {
            var certificatePem = System.Text.Encoding.ASCII.GetString(bytes[0]);
            if (_keyPath is null)
            {
                return X509Certificate2.CreateFromPem(certificatePem);
            }

            using var pem = X509Certificate2.CreateFromPem(certificatePem, System.Text.Encoding.ASCII.GetString(bytes[1]));
            // PEM keys are ephemeral; a PKCS#12 round trip makes the key usable by the TLS server on every OS.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"cannot load the certificate {_certificatePath}{(_keyPath is null ? "" : $" with key {_keyPath}")}: {ex.Message}", ex);
        }
    }

    private void TryWatch(string directory)
    {
        try
        {
            var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // No watcher (inotify limits, network file systems): the periodic check still finds the change.
            LogNoWatcher(_logger, directory, ex.Message);
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (IsOurs(e.FullPath) || (e is RenamedEventArgs renamed && IsOurs(renamed.OldFullPath)))
        {
            try
            {
                _debounce.Change(Debounce, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed while an event was in flight.
            }
        }
    }

    private bool IsOurs(string path) =>
        string.Equals(path, _certificatePath, StringComparison.Ordinal) || string.Equals(path, _keyPath, StringComparison.Ordinal);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Reloaded the TLS certificate {Path}: {OldThumbprint} -> {NewThumbprint} (valid until {NotAfter:O}); new connections use it")]
    private static partial void LogReloaded(ILogger logger, string path, string oldThumbprint, string newThumbprint, DateTime notAfter);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "The changed TLS files of {Path} do not load, keeping the current certificate: {Problem}")]
    private static partial void LogReloadFailed(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Cannot read the TLS files of {Path}, keeping the current certificate: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Cannot watch {Directory} for certificate changes ({Problem}); the periodic check still reloads them")]
    private static partial void LogNoWatcher(ILogger logger, string directory, string problem);
}
