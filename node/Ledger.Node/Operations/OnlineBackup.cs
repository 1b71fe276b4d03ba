using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Core.Chain;
using Ledger.Execution.Chain;
using Ledger.Node.Hosting;
using Ledger.Node.Monitoring;
using Ledger.Storage.Rocks;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Operations;

/// <summary>
/// Online backups of a running node into the configured backup folder: a RocksDB checkpoint (consistent, whole blocks
/// only, hard links on the same filesystem), then reopened read-only to read the head it holds, which is also the
/// proof that it opens. One at a time. <c>ledger run --data</c> starts from a copy of it (docs/operations.md, "Restore").
/// </summary>
public sealed partial class OnlineBackup
{
    private readonly LedgerNode _node;
    private readonly string _folder;
    private readonly NodeMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private int _running;

    public OnlineBackup(LedgerNode node, string folder, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(logger);
        _node = node;
        _folder = Path.GetFullPath(folder);
        _metrics = node.Metrics;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Writes a backup named <paramref name="name"/> (letters, digits, '.', '_', '-'; default <c>ledger-backup-UTC time</c>).
    /// Throws <see cref="BackupRefusedException"/> when nothing was started, <see cref="IOException"/> when writing failed
    /// (a partial folder is removed).
    /// </summary>
    public BackupResult Create(string? name)
    {
        name ??= "ledger-backup-" + _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        if (!SafeName().IsMatch(name))
        {
            throw new BackupRefusedException($"backup name '{name}' must be 1-100 letters, digits, '.', '_' or '-' (not starting with '.')");
        }

        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            throw new BackupRefusedException("a backup is already running; wait for it to finish");
        }

        var target = Path.Combine(_folder, name);
        try
        {
            if (Directory.Exists(target) || File.Exists(target))
            {
                throw new BackupRefusedException($"a backup named '{name}' already exists in {_folder}");
            }

            Directory.CreateDirectory(_folder);
            LogStarted(_logger, target, _node.Chain.HeadNumber);
            var result = Write(target);
            _metrics.Backups.WithLabels("ok").Inc();
            _metrics.LastBackupSeconds.Set(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
            LogFinished(_logger, target, result.Head, result.HeadHash);
            return result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            _metrics.Backups.WithLabels("failed").Inc();
            LogFailed(_logger, target, ex);
            throw ex as IOException ?? new IOException(ex.Message, ex);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private BackupResult Write(string target)
    {
        try
        {
            _node.CreateCheckpoint(target);
            using var copy = RocksDbKeyValueStore.OpenReadOnly(target);
            var stored = new StoredChain(copy);
            var headHash = stored.HeadHash ?? throw new IOException($"the backup at {target} has no head pointer");
            var header = stored.HeaderRecord(headHash) ?? throw new IOException($"the backup at {target} lacks the header of its head {headHash}");
            return new BackupResult(target, BlockHeaderCodec.Decode(header).Number, headHash);
        }
        catch
        {
            // A half-written checkpoint must never be mistaken for a backup.
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            throw;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex SafeName();

    [LoggerMessage(EventId = 1901, Level = LogLevel.Information, Message = "Online backup to {Target} started at head {Head}")]
    private static partial void LogStarted(ILogger logger, string target, ulong head);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Information, Message = "Online backup {Target} holds blocks up to {Head} ({HeadHash})")]
    private static partial void LogFinished(ILogger logger, string target, ulong head, Core.Primitives.Hash32 headHash);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Error, Message = "Online backup to {Target} failed")]
    private static partial void LogFailed(ILogger logger, string target, Exception exception);
}
