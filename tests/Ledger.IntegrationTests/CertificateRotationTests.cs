using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.TestSupport;

namespace Ledger.IntegrationTests;

/// <summary>
/// TLS certificate rotation without a restart (issue 13, item 3): a `ledger run` node serves HTTPS JSON-RPC from PEM
/// files; while clients keep calling — one over a kept-alive connection, one opening a new connection per call — the
/// files are replaced, and new connections get the new certificate without a single failed call.
/// </summary>
public sealed class CertificateRotationTests : IDisposable
{
    private const int MaxCalls = 20_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-rotation-it-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    [Fact]
    public async Task A_rotated_JSON_RPC_certificate_serves_new_connections_while_calls_keep_succeeding()
    {
        using var bank = new ConsortiumCertificates("bank-a-tls");
        var (issued, issuedKey) = bank.Issue("rpc-1");
        var certificatePath = Path.Combine(_folder, "rpc.pem");
        var keyPath = Path.Combine(_folder, "rpc.key");
        File.Copy(issued, certificatePath);
        File.Copy(issuedKey, keyPath);
        var (genesis, key) = NodeFiles.Write(_folder);
        using var node = LedgerProcess.StartRun(genesis, key, Path.Combine(_folder, "data"), 0, 0, ["--rpc-tls-cert", certificatePath, "--rpc-tls-key", keyPath]);
        Assert.Equal("https", node.RpcUrl.Scheme);
        var ca = X509CertificateLoader.LoadCertificateFromFile(bank.CaPath);
        var seen = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource(Patience);
        using var kept = Client(ca, seen, newConnectionPerCall: false);
        using var fresh = Client(ca, seen, newConnectionPerCall: true);
        var oldThumbprint = X509CertificateLoader.LoadCertificateFromFile(certificatePath).Thumbprint;

        var keptLoad = LoadAsync(kept, node.RpcUrl, failures, stop.Token);
        var freshCalls = 0;
        string? newThumbprint = null;
        var rotated = false;
        while (!stop.IsCancellationRequested && freshCalls < MaxCalls)
        {
            var thumbprint = await CallAsync(fresh, node.RpcUrl, failures, seen);
            freshCalls++;
            if (!rotated && freshCalls == 20)
            {
                // As a secret manager does it: new files beside the old ones, then renamed over them (key, then certificate).
                var (next, nextKey) = bank.Issue("rpc-2");
                File.Move(nextKey, keyPath, overwrite: true);
                File.Move(next, certificatePath, overwrite: true);
                newThumbprint = X509CertificateLoader.LoadCertificateFromFile(certificatePath).Thumbprint;
                rotated = true;
            }

            if (rotated && thumbprint == newThumbprint)
            {
                break;
            }
        }

        // A few more calls on both clients after the switch, then stop the load.
        for (var i = 0; i < 20; i++)
        {
            await CallAsync(fresh, node.RpcUrl, failures, seen);
        }

        await stop.CancelAsync();
        var keptCalls = await keptLoad;

        Assert.True(rotated);
        Assert.Empty(failures);
        Assert.Contains(oldThumbprint, seen);
        Assert.Contains(newThumbprint!, seen);
        Assert.True(keptCalls > 0);
        Assert.Contains("Reloaded the TLS certificate", node.Output, StringComparison.Ordinal);
        Assert.Equal(0, node.Stop());
    }

    private static HttpClient Client(X509Certificate2 ca, ConcurrentQueue<string> seen, bool newConnectionPerCall) => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = newConnectionPerCall ? TimeSpan.Zero : Timeout.InfiniteTimeSpan,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                seen.Enqueue(leaf.Thumbprint);
                return chain.Build(leaf);
            },
        },
    });

    private static async Task<int> LoadAsync(HttpClient client, Uri rpc, ConcurrentQueue<string> failures, CancellationToken stop)
    {
        var calls = 0;
        while (!stop.IsCancellationRequested && calls < MaxCalls)
        {
            await CallAsync(client, rpc, failures, null);
            calls++;
        }

        return calls;
    }

    /// <summary>One eth_blockNumber; a failure is recorded, not thrown. Returns the newest thumbprint seen (fresh client).</summary>
    private static async Task<string?> CallAsync(HttpClient client, Uri rpc, ConcurrentQueue<string> failures, ConcurrentQueue<string>? seen)
    {
        try
        {
            using var response = await client.PostAsync(rpc, new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}""", Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || !body.Contains("\"result\"", StringComparison.Ordinal))
            {
                failures.Enqueue($"HTTP {(int)response.StatusCode}: {body}");
            }
        }
        catch (HttpRequestException ex)
        {
            failures.Enqueue(ex.Message);
        }

        return seen?.LastOrDefault();
    }
}
