using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Wallet.Amounts;

namespace Ledger.Wallet.Cli.Settlement;

/// <summary>
/// <c>htlc lock | claim | refund | show</c>: hash time-locked payments for swaps with another ledger. Whoever knows
/// the 32-byte preimage of the hash lock can pay the recipient before the deadline; after it the sender refunds.
/// </summary>
internal static class HtlcCommand
{
    public static Command Create(CommandContext context)
    {
        var htlc = new Command("htlc", "Hash time-locked payments (cross-ledger swaps).");
        htlc.Subcommands.Add(CreateLock(context));
        htlc.Subcommands.Add(CreateClaim(context));
        htlc.Subcommands.Add(CreateRefund(context));
        htlc.Subcommands.Add(CreateShow(context));
        return htlc;
    }

    private static Command CreateLock(CommandContext context)
    {
        var signer = new SignerOptions("The sender's wallet account.");
        var token = new Option<string>("--token") { Description = "Token symbol, e.g. USDA.", Required = true };
        var to = new Option<string>("--to") { Description = "The recipient: address, alias or contact.", Required = true };
        var amount = new Option<string>("--amount") { Description = "Amount in whole units.", Required = true };
        var hashLock = new Option<string>("--hash-lock") { Description = "sha256 of the secret (0x + 64 hex digits); without it the wallet makes a fresh secret and prints it once." };
        var validFor = new Option<string>("--valid-for") { Description = "Until when it can be claimed: 30m, 2h (default 1h).", DefaultValueFactory = _ => "1h" };
        var command = new Command("lock", "Lock a payment under a hash lock until a deadline.\n\nExample:\n  ledger-wallet htlc lock --account alice --token USDA --to 0x9965…A4dc --amount 10 --valid-for 1h") { token, to, amount, hashLock, validFor };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var info = Lookup.Token(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), parse.GetRequiredValue(token));
            var value = TokenAmount.Parse(parse.GetRequiredValue(amount), (int)info.Decimals, info.Symbol);
            var recipient = await Lookup.RecipientAsync(session, parse.GetRequiredValue(to), ct).ConfigureAwait(false);
            byte[]? secret = null;
            Hash32 lockHash;
            if (parse.GetValue(hashLock) is { } given)
            {
                lockHash = Hash32.TryParse(given, out var parsed) ? parsed : throw WalletException.Usage($"--hash-lock '{given}' is not 0x + 64 hex digits");
            }
            else
            {
                secret = RandomNumberGenerator.GetBytes(32);
                lockHash = new Hash32(SHA256.HashData(secret));
            }

            var deadline = await Durations.AfterHeadAsync(session, Durations.Validity(parse.GetRequiredValue(validFor), "--valid-for"), ct).ConfigureAwait(false);
            var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Settlement, ct).ConfigureAwait(false);
            var data = new AbiWriter(5).WriteAddress(Address.Parse(info.Address)).WriteAddress(recipient).WriteUInt256(value).WriteBytes32(lockHash).WriteUInt64(deadline)
                .ToCallData("lockHtlc(address,address,uint256,bytes32,uint64)");
            var names = await Names.LoadAsync(session, node: false, ct).ConfigureAwait(false);
            await names.AddAliasesAsync(session, [recipient], ct).ConfigureAwait(false);
            var what = $"{TokenAmount.Format(value, (int)info.Decimals)} {info.Symbol} for {names.Describe(recipient)} until {Durations.FormatUnix(deadline)}";
            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), module, data, $"Lock {what} under hash {lockHash}", ct).ConfigureAwait(false);
            var id = ModuleCalls.IdFromLog(outcome.Receipt, module, "HtlcLocked(uint256,address,bytes32,address,address,uint256,uint64)");
            var done = $"HTLC {id}: {what}, hash lock {lockHash}."
                + (secret is null ? string.Empty : $"\n  secret (preimage) {Hex.Encode(secret)} — keep it; revealing it lets anyone pay the recipient with `htlc claim {id} --preimage …`");
            return Transactor.Print(session, outcome, done, new JsonObject
            {
                ["id"] = id,
                ["hashLock"] = lockHash.ToString(),
                ["preimage"] = secret is null ? null : Hex.Encode(secret),
                ["deadline"] = deadline,
            });
        }));
        return command;
    }

    private static Command CreateClaim(CommandContext context)
    {
        var id = new Argument<ulong>("id") { Description = "The HTLC id." };
        var signer = new SignerOptions("Any wallet account (it pays no tokens; the recipient is paid).");
        var preimage = new Option<string>("--preimage") { Description = "The 32-byte secret, 0x + 64 hex digits.", Required = true };
        var command = new Command("claim", "Reveal the secret and pay the recipient.\n\nExample:\n  ledger-wallet htlc claim 2 --preimage 0x… --account bob") { id, preimage };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var text = parse.GetRequiredValue(preimage);
            var secret = Hex.TryDecode(text, out var bytes) && bytes.Length == 32 ? bytes : throw WalletException.Usage("--preimage must be 0x + 64 hex digits (32 bytes)");
            var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Settlement, ct).ConfigureAwait(false);
            var htlcId = parse.GetValue(id);
            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), module, new AbiWriter(2).WriteUInt64(htlcId).WriteBytes32(secret).ToCallData("claimHtlc(uint256,bytes32)"), $"Claim HTLC {htlcId}", ct).ConfigureAwait(false);
            return Transactor.Print(session, outcome, $"HTLC {htlcId} claimed: the recipient is paid.", new JsonObject { ["id"] = htlcId });
        }));
        return command;
    }

    private static Command CreateRefund(CommandContext context)
    {
        var id = new Argument<ulong>("id") { Description = "The HTLC id." };
        var signer = new SignerOptions("The sender's wallet account.");
        var command = new Command("refund", "After the deadline, the sender takes back an unclaimed HTLC.\n\nExample:\n  ledger-wallet htlc refund 2 --account alice") { id };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Settlement, ct).ConfigureAwait(false);
            var htlcId = parse.GetValue(id);
            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), module, new AbiWriter(1).WriteUInt64(htlcId).ToCallData("refundHtlc(uint256)"), $"Refund HTLC {htlcId}", ct).ConfigureAwait(false);
            return Transactor.Print(session, outcome, $"HTLC {htlcId} refunded to its sender.", new JsonObject { ["id"] = htlcId });
        }));
        return command;
    }

    private static Command CreateShow(CommandContext context)
    {
        var id = new Argument<ulong>("id") { Description = "The HTLC id." };
        var command = new Command("show", "Show an HTLC: sender, recipient, amount, hash lock, deadline, state and (once claimed) the secret.\n\nExample:\n  ledger-wallet htlc show 2 --json") { id };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Settlement, ct).ConfigureAwait(false);
            var htlcId = parse.GetValue(id);
            var output = await ModuleCalls.ViewAsync(session, null, module, new AbiWriter(1).WriteUInt64(htlcId).ToCallData("getHtlc(uint256)"), ct).ConfigureAwait(false);
            var h = Decode(output);
            var token = Merchant.MerchantCalls.TokenAt(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), h.Token);
            var state = h.State switch { 1 => "locked", 2 => "claimed", 3 => "refunded", _ => "unknown" };
            return EscrowCommand.Show(session, new JsonObject
            {
                ["id"] = htlcId,
                ["state"] = state,
                ["sender"] = h.Sender.ToChecksumString(),
                ["recipient"] = h.Recipient.ToChecksumString(),
                ["token"] = token.Symbol,
                ["amount"] = TokenAmount.Format(h.Amount, (int)token.Decimals),
                ["hashLock"] = h.HashLock.ToString(),
                ["deadline"] = h.Deadline,
                ["preimage"] = h.State == 2 ? h.Preimage.ToString() : null,
            }, $"HTLC {htlcId}: {TokenAmount.Format(h.Amount, (int)token.Decimals)} {token.Symbol} from {h.Sender.ToChecksumString()} to {h.Recipient.ToChecksumString()} — {state} (deadline {Durations.FormatUnix(h.Deadline)}, hash lock {h.HashLock})");
        }));
        return command;
    }

    private static (byte State, Address Sender, Address Recipient, Address Token, UInt256 Amount, Hash32 HashLock, ulong Deadline, Hash32 Preimage) Decode(byte[] output)
    {
        var reader = new AbiReader(output, "getHtlc");
        return (reader.ReadUInt8("state"), reader.ReadAddress("sender"), reader.ReadAddress("recipient"), reader.ReadAddress("token"), reader.ReadUInt256("amount"), new Hash32(reader.ReadBytes32("hashLock")), reader.ReadUInt64("deadline"), new Hash32(reader.ReadBytes32("preimage")));
    }
}
