using System.Net;
using Ledger.Node.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ledger.Node.Hosting;

/// <summary>
/// Operator endpoints on the RPC port, beside /health and /metrics: <c>POST /admin/backup[?name=NAME]</c> starts an online
/// backup (what <c>ledger backup</c> calls). Answered only to callers on the node's own host (loopback): an operator
/// action that writes to the node's disk is not a client surface, whatever the RPC port is exposed to.
/// </summary>
internal static class AdminEndpoints
{
    public const string BackupPath = "/admin/backup";

    public static void Map(WebApplication app, OnlineBackup? backup)
    {
        app.MapPost(BackupPath, async (HttpContext context) =>
        {
            if (!IsLocal(context.Connection.RemoteIpAddress))
            {
                return Results.Json(new BackupError("backups are started from the node's own host (loopback) only"), statusCode: StatusCodes.Status403Forbidden);
            }

            if (backup is null)
            {
                return Results.Json(new BackupError("online backups are off: start the node with --backup-dir DIR (or backupDirectory in the config file)"), statusCode: StatusCodes.Status409Conflict);
            }

            var name = context.Request.Query["name"].ToString();
            try
            {
                // A checkpoint flushes memtables and links files: seconds of blocking I/O, kept off the request thread pool's hot path.
                var result = await Task.Run(() => backup.Create(string.IsNullOrEmpty(name) ? null : name), context.RequestAborted).ConfigureAwait(false);
                return Results.Json(new BackupReply(result.Path, result.Head, result.HeadHash.ToString()));
            }
            catch (BackupRefusedException ex)
            {
                return Results.Json(new BackupError(ex.Message), statusCode: StatusCodes.Status409Conflict);
            }
            catch (IOException ex)
            {
                return Results.Json(new BackupError($"the backup failed: {ex.Message}"), statusCode: StatusCodes.Status500InternalServerError);
            }
        });
    }

    /// <summary>True for a caller on this host: a loopback address, also written as an IPv4-mapped IPv6 address.</summary>
    public static bool IsLocal(IPAddress? remote) =>
        remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);

    /// <summary>The reply to a finished backup.</summary>
    internal sealed record BackupReply(string Path, ulong Head, string HeadHash);

    /// <summary>The reply when no backup was made.</summary>
    internal sealed record BackupError(string Error);
}
