using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Outbox;

/// <summary>
/// The wallet's outbox, <c>WALLET_DIR/outbox.json</c>: every transaction it signed, from just before it is sent until it
/// is final or can never commit (replaced, or its nonce used by another). A node that acknowledged a transaction and
/// then lost it (a crash empties its pool) cannot lose it for the customer: <c>tx resend</c> sends the same signed bytes
/// again. Written to a temporary file and moved over the old one, so a crash mid-write never loses the outbox.
/// </summary>
public sealed class SentTransactions
{
    private readonly string _path;

    public SentTransactions(string walletDirectory)
    {
        ArgumentNullException.ThrowIfNull(walletDirectory);
        _path = Path.Combine(walletDirectory, "outbox.json");
    }

    public IReadOnlyList<SentTransaction> Load()
    {
        if (!File.Exists(_path))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(_path))!.AsArray().Select(Parse).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new WalletException($"{_path} is not a wallet outbox ({ex.Message}); fix or delete it", ex);
        }
    }

    public SentTransaction? Find(Hash32 hash) => Load().FirstOrDefault(t => t.Hash == hash);

    public void Add(SentTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var all = Load().Where(t => t.Hash != transaction.Hash).ToList();
        all.Add(transaction);
        Save(all);
    }

    /// <summary>Forgets a transaction that is final or can never commit; false if it was not here.</summary>
    public bool Remove(Hash32 hash)
    {
        var all = Load().ToList();
        if (all.RemoveAll(t => t.Hash == hash) == 0)
        {
            return false;
        }

        Save(all);
        return true;
    }

    /// <summary>
    /// The first nonce from <paramref name="committedNonce"/> up that this wallet has not signed a still-open transaction
    /// for (<paramref name="from"/> on chain <paramref name="chainId"/>): the walk goes over the outbox's entries one
    /// nonce at a time and stops at the first hole. So a payment this wallet signed and may still commit is never
    /// signed over (a node answering a lower nonce cannot make the wallet replace it), and an old entry past a hole
    /// cannot push new payments behind a nonce nobody will send (no permanent gap). An entry still here whose payment
    /// was evicted or expired keeps its nonce: <c>tx resend</c> sends those same bytes again.
    /// </summary>
    public ulong NextNonce(Address from, ulong chainId, ulong committedNonce)
    {
        var signed = Load().Where(t => t.From == from && t.ChainId == chainId && t.Nonce >= committedNonce).Select(t => t.Nonce).ToHashSet();
        var next = committedNonce;
        while (signed.Contains(next))
        {
            next++;
        }

        return next;
    }

    private void Save(IReadOnlyList<SentTransaction> all)
    {
        var array = new JsonArray();
        foreach (var t in all)
        {
            array.Add(new JsonObject
            {
                ["hash"] = t.Hash.ToString(),
                ["from"] = t.From.ToChecksumString(),
                ["nonce"] = t.Nonce,
                ["chainId"] = t.ChainId,
                ["raw"] = Hex.Encode(t.Raw),
                ["signedAt"] = t.SignedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["summary"] = t.Summary,
            });
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, _path, overwrite: true);
    }

    private static SentTransaction Parse(JsonNode? node) => new(
        Hash32.Parse(node!["hash"]!.GetValue<string>()),
        Address.Parse(node["from"]!.GetValue<string>()),
        node["nonce"]!.GetValue<ulong>(),
        node["chainId"]!.GetValue<ulong>(),
        Hex.Decode(node["raw"]!.GetValue<string>()),
        DateTimeOffset.Parse(node["signedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
        node["summary"]?.GetValue<string>() ?? string.Empty);
}
