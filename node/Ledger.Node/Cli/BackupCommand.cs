using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Node.Configuration;
using Ledger.Node.Hosting;

namespace Ledger.Node.Cli;

/// <summary>
/// <c>ledger backup [--rpc URL] [--name NAME]</c>: asks a running node (on this host) for an online backup into the folder
/// it was started with (<c>--backup-dir</c>) and prints where it is and the head block it holds.
/// </summary>
public static class BackupCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var rpc = new Option<string>("--rpc") { Description = "The node's RPC URL (default http://127.0.0.1:8545).", DefaultValueFactory = _ => "http://127.0.0.1:8545" };
        rpc.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !IsHttpUrl(result.Tokens[0].Value))
            {
                result.AddError($"--rpc '{result.Tokens[0].Value}' is not an http:// or https:// URL");
            }
        });
        var name = new Option<string>("--name") { Description = "Name of the backup folder (default: ledger-backup-<UTC time>)." };
        var command = new Command("backup", "Make an online backup (RocksDB checkpoint) of a running node into its --backup-dir.")
        {
            rpc, name,
        };
        command.SetAction((parse, ct) => LedgerCli.Guarded(parse, async () =>
        {
            var endpoint = new UriBuilder(new Uri(new Uri(parse.GetRequiredValue(rpc)), AdminEndpoints.BackupPath));
            if (parse.GetValue(name) is { Length: > 0 } backupName)
            {
                endpoint.Query = "name=" + Uri.EscapeDataString(backupName);
            }

            // Flushing and linking a large database can take a while; the node answers when the backup is complete.
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync(endpoint.Uri, content: null, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new NodeConfigurationException($"cannot reach the node at {endpoint.Uri}: {ex.Message}", ex);
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    var reply = await response.Content.ReadFromJsonAsync<AdminEndpoints.BackupReply>(Json, ct).ConfigureAwait(false)
                        ?? throw new NodeConfigurationException("the node's reply to the backup request is empty");
                    await parse.InvocationConfiguration.Output.WriteLineAsync($"backup: blocks 0-{reply.Head} (head {reply.HeadHash}) saved to {reply.Path}").ConfigureAwait(false);
                    return 0;
                }

                var error = await ReadErrorAsync(response, ct).ConfigureAwait(false);
                await parse.InvocationConfiguration.Error.WriteLineAsync($"backup: FAILED ({(int)response.StatusCode}): {error}").ConfigureAwait(false);
                return OperatorCommands.FailedExitCode;
            }
        }));
        return command;
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<AdminEndpoints.BackupError>(body, Json)?.Error ?? body;
        }
        catch (JsonException)
        {
            return body.Length > 500 ? body[..500] : body;
        }
    }
}
