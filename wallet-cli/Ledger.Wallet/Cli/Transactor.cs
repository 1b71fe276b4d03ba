using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Ledger.Api.V1;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Wallet.Keys;

namespace Ledger.Wallet.Cli;

/// <summary>
/// Signing a module or token call and seeing it through: show what will happen, confirm, unlock the key, sign,
/// submit, wait until final. A revert becomes a <see cref="ExitCodes.Rejected"/> error in plain words, so no
/// command prints "success" for something that did not happen.
/// </summary>
internal static class Transactor
{
    /// <summary>
    /// Module calls cost a fixed amount per function plus storage; this leaves ample room, and the dev chain
    /// charges no fee, so an unused limit costs nothing.
    /// </summary>
    internal const ulong ModuleGasLimit = 2_000_000;

    /// <summary>Most password attempts at an interactive prompt (a file or the environment variable gets one).</summary>
    internal const int PasswordTries = 3;

    /// <summary>Runs <paramref name="data"/> against <paramref name="to"/> as <paramref name="signer"/>; returns the final receipt.</summary>
    public static Task<Outcome> ExecuteAsync(WalletSession session, Signer signer, Address to, byte[] data, string summary, CancellationToken ct) =>
        ExecuteAsync(session, signer, to, data, _ => summary, ct);

    /// <summary>
    /// As above, with the confirmation built from the dry run's output: what the module says will happen (the amount an
    /// invoice costs after a coupon or points) is shown before the password is asked for.
    /// </summary>
    public static async Task<Outcome> ExecuteAsync(WalletSession session, Signer signer, Address to, byte[] data, Func<byte[], string> summary, CancellationToken ct)
    {
        var account = Lookup.Account(session, signer.Account);
        var client = session.Client;
        var chain = await client.GetChainInfoAsync(ct).ConfigureAwait(false);
        var state = await client.GetAccountAsync(account.Address, ct).ConfigureAwait(false);

        // Dry run first: a call the module would refuse is refused here, before any password prompt, with the
        // module's own reason, and no reverted transaction is left on the chain.
        var dryRun = await client.ViewAsync(account.Address, to, data, ct).ConfigureAwait(false);
        if (!dryRun.Success)
        {
            throw WalletException.Rejected($"{RevertReasons.Explain(dryRun.RevertReason)}; nothing was sent");
        }

        var described = summary(dryRun.Output.ToByteArray());
        var text = $"{described} (signed by '{account.Name}' {account.Address.ToChecksumString()})";
        if (!signer.Yes)
        {
            Confirm(session, text, "Sign and send?");
        }
        else if (!session.Json)
        {
            session.Error.WriteLine(text);
        }

        var raw = Sign(session, account, signer.PasswordFile, new UnsignedTransaction
        {
            Type = TxType.DynamicFee,
            ChainId = chain.ChainId,
            Nonce = Submission.NextNonce(session, account.Address, chain.ChainId, state),
            GasLimit = ModuleGasLimit,
            To = to,
            Data = data,
        });
        var hash = await Submission.SendAsync(session, account, raw, described, ct).ConfigureAwait(false);
        using var progress = new Progress(session, $"Submitted {hash}; waiting until final");
        var receipt = await Submission.WaitAsync(session, hash, progress.Tick, ct).ConfigureAwait(false);
        progress.Done();
        if (!receipt.Success)
        {
            throw WalletException.Rejected($"{RevertReasons.Explain(receipt.RevertReason)} (transaction {hash}, block {receipt.BlockNumber}); nothing changed");
        }

        return new Outcome(hash, receipt, account);
    }

    /// <summary>Asks on the terminal; a script (no terminal) must pass --yes instead of hanging on a prompt.</summary>
    public static void Confirm(WalletSession session, string summary, string question)
    {
        if (!session.Interactive)
        {
            throw WalletException.Usage("this needs confirmation: add --yes to go ahead without a prompt");
        }

        session.Error.WriteLine(summary);
        session.Error.Write($"{question} [y/N] ");
        var answer = session.Terminal.ReadLine()?.Trim();
        if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
        {
            throw WalletException.Usage("cancelled; nothing was sent");
        }
    }

    /// <summary>Unlocks the key just for the signature and wipes it straight after.</summary>
    public static byte[] Sign(WalletSession session, StoredAccount account, FileInfo? passwordFile, UnsignedTransaction transaction)
    {
        var key = UnlockKey(session, account, passwordFile);
        try
        {
            return TransactionSigner.Sign(transaction, key, Ecdsa.Default).Raw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The private key of <paramref name="account"/>; the caller wipes it. A password typed at the prompt may be
    /// typed again after a mistake, up to <see cref="PasswordTries"/> times; a wrong password from a file or the
    /// environment fails at once (typing it again would not change it).
    /// </summary>
    public static byte[] UnlockKey(WalletSession session, StoredAccount account, FileInfo? passwordFile)
    {
        var passwords = session.Passwords(passwordFile);
        var keystore = session.Store.ReadKeyStore(account);
        for (var attempt = 1; ; attempt++)
        {
            var password = passwords.Read($"account '{account.Name}'", confirm: false);
            try
            {
                return KeyStoreFile.Decrypt(keystore, password, account.Name);
            }
            catch (WalletException wrong) when (wrong.Message.StartsWith("wrong password", StringComparison.Ordinal) && passwords.Prompts && attempt < PasswordTries)
            {
                var left = PasswordTries - attempt;
                session.Error.WriteLine($"Wrong password for '{account.Name}'; {left} {(left == 1 ? "try" : "tries")} left.");
            }
        }
    }

    /// <summary>Prints a done transaction: one sentence and the receipt, or JSON with <paramref name="extra"/> fields.</summary>
    public static int Print(WalletSession session, Outcome outcome, string done, JsonObject? extra = null)
    {
        if (session.Json)
        {
            var json = new JsonObject
            {
                ["status"] = "success",
                ["result"] = done,
                ["hash"] = outcome.Hash.ToString(),
                ["blockNumber"] = outcome.Receipt.BlockNumber,
                ["from"] = outcome.Account.Address.ToChecksumString(),
            };
            foreach (var (key, value) in extra ?? [])
            {
                json[key] = value?.DeepClone();
            }

            session.WriteJson(json);
        }
        else
        {
            session.Out.WriteLine(done);
            session.Out.WriteLine($"  transaction {outcome.Hash}");
            session.Out.WriteLine($"  final in block {outcome.Receipt.BlockNumber} ({outcome.Receipt.BlockHash})");
        }

        return ExitCodes.Success;
    }

    /// <summary>A transaction that reached a block and succeeded.</summary>
    internal sealed record Outcome(Hash32 Hash, TransactionReceipt Receipt, StoredAccount Account);
}
