using Ledger.Node.Configuration;

namespace Ledger.Node.Tests.Access;

/// <summary>
/// One node with authentication on (an HS256 secret and an ES256 issuer key, default roles, an audit log, /metrics
/// behind the monitor role) shared by the tests of one class.
/// </summary>
public sealed class AuthFixture : IAsyncLifetime
{
    internal AuthKeys Keys { get; } = new();

    internal AuthNode Node { get; private set; } = null!;

    public string AuditPath => Node.Data.File("audit.log");

    public async Task InitializeAsync() =>
        Node = await AuthNode.StartAsync(data => new NodeOptions
        {
            Auth = new AuthSettings
            {
                Jwt = new JwtSettings { Hs256SecretFile = Keys.SecretPath, PublicKeys = [Keys.PublicKeyPath] },
                Audit = new AuditSettings { Path = data.File("audit.log") },
            },
        });

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Keys.Dispose();
    }

    /// <summary>The audit log's lines so far.</summary>
    public IReadOnlyList<string> AuditLines()
    {
        using var stream = new FileStream(AuditPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
