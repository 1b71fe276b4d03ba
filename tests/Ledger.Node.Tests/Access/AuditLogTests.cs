using System.Collections.Frozen;
using System.Text.Json;
using Ledger.Access;
using Ledger.Access.Audit;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Access;

public sealed class AuditLogTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_record_is_one_JSON_line_with_who_what_digest_and_result()
    {
        var path = _temp.File("audit/operator.log");
        using (var log = new AuditLog(new AuditLogOptions { Path = path }))
        {
            Assert.True(log.TryAppend(Record("txpool_content", "ok", null)));
            Assert.True(log.TryAppend(Record("qbft_proposeValidatorVote", "denied", -40100)));
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal("ops-app", root.GetProperty("subject").GetString());
        Assert.Equal("operator", root.GetProperty("roles")[0].GetString());
        Assert.Equal("bearer", root.GetProperty("auth").GetString());
        Assert.Equal("jsonrpc-http", root.GetProperty("surface").GetString());
        Assert.Equal("txpool_content", root.GetProperty("method").GetString());
        Assert.Equal(AuditLog.Digest("[]"u8), root.GetProperty("paramsSha256").GetString());
        Assert.Equal("ok", root.GetProperty("result").GetString());
        Assert.False(root.TryGetProperty("code", out _));
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(-40100, second.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Rotation_keeps_the_newest_files_and_loses_no_record_of_them()
    {
        var path = _temp.File("operator.log");
        const int records = 200;
        using (var log = new AuditLog(new AuditLogOptions { Path = path, MaxFileBytes = 4096, MaxFiles = 3 }))
        {
            for (var i = 0; i < records; i++)
            {
                Assert.True(log.TryAppend(Record($"method_{i}", "ok", null)));
            }
        }

        Assert.True(File.Exists(path + ".3"));
        Assert.False(File.Exists(path + ".4"));
        var files = new[] { path + ".3", path + ".2", path + ".1", path };
        Assert.All(files, f => Assert.True(new FileInfo(f).Length <= 4096, f));
        var methods = files.SelectMany(File.ReadAllLines).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("method").GetString()).ToList();

        // The kept files hold the last records, in order and without a gap.
        var first = int.Parse(methods[0]!["method_".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Enumerable.Range(first, records - first).Select(i => $"method_{i}"), methods);
    }

    [Fact]
    public void An_audit_log_that_cannot_be_opened_is_a_setup_error()
    {
        var blocker = _temp.File("file");
        File.WriteAllText(blocker, "");

        Assert.Throws<AccessConfigurationException>(() => new AuditLog(new AuditLogOptions { Path = Path.Combine(blocker, "operator.log") }));
    }

    private static AuditRecord Record(string method, string result, int? code) => new()
    {
        Time = DateTimeOffset.UtcNow,
        Subject = "ops-app",
        Roles = FrozenSet.Create(StringComparer.Ordinal, "operator"),
        Kind = AuthenticationKind.Bearer,
        Surface = AccessSurface.JsonRpcHttp,
        Method = method,
        ParamsSha256 = AuditLog.Digest("[]"u8),
        Result = result,
        Code = code,
    };
}
