using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Wallet.Cli.Bank;

/// <summary>
/// Four-eyes: <c>bank recover</c>, <c>bank burn</c>, <c>bank forced-transfer</c> (and mints above the token's
/// threshold, <c>bank mint --request</c>) only make a request; a different officer of the same bank runs
/// <c>bank request approve ID</c>. <c>bank request list</c> shows a bank's open requests.
/// </summary>
internal static partial class BankCommand
{
    private const string RequestCreated = "RequestCreated(uint256,uint8,string,address,address,uint64)";
    private static readonly string[] Kinds = ["", "mint", "burn", "forced-transfer", "recovery"];
    private static readonly string[] Statuses = ["", "pending", "approved (waiting out the recovery delay)", "executed", "cancelled", "vetoed", "expired"];

    private static Command CreateRequest(CommandContext context)
    {
        var request = new Command(
            "request",
            "Four-eyes requests: a second officer of the same bank approves what the first one requested.\n\nExamples:\n"
            + "  ledger-wallet bank request list --bank bank-a\n"
            + "  ledger-wallet bank request approve 7 --account officer-a");
        request.Subcommands.Add(CreateRequestList(context));
        request.Subcommands.Add(CreateRequestStep(context, "approve", "approveRequest(uint256)", "Approve a request another officer of your bank made (it runs now; a recovery starts its delay).", "Approved request {0}."));
        request.Subcommands.Add(CreateRequestStep(context, "execute", "executeRequest(uint256)", "Carry out an approved recovery once its delay has passed.", "Executed request {0}."));
        request.Subcommands.Add(CreateRequestStep(context, "cancel", "cancelRequest(uint256)", "Withdraw an open request of your bank (anyone may close an expired one).", "Closed request {0}."));
        return request;
    }

    private static Command CreateRequestStep(CommandContext context, string name, string signature, string help, string done)
    {
        var id = new Argument<ulong>("id") { Description = "The request id (see `bank request list`)." };
        var signer = new SignerOptions(OperatorHelp);
        var command = new Command(name, $"{help}\n\nExample:\n  ledger-wallet bank request {name} 7 --account officer-a") { id };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var number = parse.GetValue(id);
            var compliance = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Compliance, ct).ConfigureAwait(false);
            var data = new AbiWriter(1).WriteUInt256(number).ToCallData(signature);
            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), compliance, data, $"{char.ToUpperInvariant(name[0])}{name[1..]} four-eyes request {number}", ct).ConfigureAwait(false);
            return Transactor.Print(session, outcome, string.Format(System.Globalization.CultureInfo.InvariantCulture, done, number), new JsonObject { ["request"] = number });
        }));
        return command;
    }

    private static Command CreateRequestList(CommandContext context)
    {
        var bank = Required("--bank", "The bank whose open requests to list, e.g. bank-a.");
        var command = new Command("list", "List a bank's open four-eyes requests (no signature).\n\nExample:\n  ledger-wallet bank request list --bank bank-a --json") { bank };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var compliance = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Compliance, ct).ConfigureAwait(false);
            var page = await ModuleCalls.ViewAsync(session, null, compliance, new AbiWriter(3).WriteString(parse.GetRequiredValue(bank)).WriteUInt256(0).WriteUInt256(200).ToCallData("openRequests(string,uint256,uint256)"), ct).ConfigureAwait(false);
            var count = (int)UInt256.FromBigEndian(page.AsSpan(64, 32)).ToUInt64();
            var items = new JsonArray();
            for (var i = 0; i < count; i++)
            {
                var id = UInt256.FromBigEndian(page.AsSpan(96 + (32 * i), 32)).ToUInt64();
                var output = await ModuleCalls.ViewAsync(session, null, compliance, new AbiWriter(1).WriteUInt256(id).ToCallData("requestOf(uint256)"), ct).ConfigureAwait(false);
                items.Add(DescribeRequest(id, output));
            }

            if (session.Json)
            {
                session.WriteJson(new JsonObject { ["bank"] = parse.GetRequiredValue(bank), ["total"] = UInt256.FromBigEndian(page.AsSpan(32, 32)).ToUInt64(), ["requests"] = items });
            }
            else
            {
                session.Out.WriteLine(count == 0 ? $"{parse.GetRequiredValue(bank)} has no open requests." : $"Open requests of {parse.GetRequiredValue(bank)}:");
                foreach (var item in items)
                {
                    session.Out.WriteLine(
                        $"  #{item!["id"]} {item["kind"]} {item["status"]}: account {item["account"]}, amount {item["amount"]} (base units), made by {item["maker"]}, expires {item["expiresAt"]}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static JsonObject DescribeRequest(ulong id, byte[] output)
    {
        var reader = new AbiReader(output, "requestOf");
        var kind = reader.ReadUInt8("kind");
        var status = reader.ReadUInt8("status");
        var bank = reader.ReadString("bank");
        var maker = reader.ReadAddress("maker");
        var checker = reader.ReadAddress("checker");
        reader.ReadUInt64("createdAt");
        var expires = reader.ReadUInt64("expiresAt");
        var executable = reader.ReadUInt64("executableAt");
        var token = reader.ReadAddress("token");
        var account = reader.ReadAddress("account");
        var to = reader.ReadAddress("to");
        var amount = reader.ReadUInt256("amount");
        return new JsonObject
        {
            ["id"] = id,
            ["kind"] = kind < Kinds.Length ? Kinds[kind] : $"kind {kind}",
            ["status"] = status < Statuses.Length ? Statuses[status] : $"status {status}",
            ["bank"] = bank,
            ["maker"] = maker.ToChecksumString(),
            ["checker"] = checker.IsZero ? null : checker.ToChecksumString(),
            ["token"] = token.IsZero ? null : token.ToChecksumString(),
            ["account"] = account.ToChecksumString(),
            ["to"] = to.IsZero ? null : to.ToChecksumString(),
            ["amount"] = amount.ToString(),
            ["expiresAt"] = DateTimeOffset.FromUnixTimeSeconds((long)expires).ToString("u", System.Globalization.CultureInfo.InvariantCulture),
            ["executableAt"] = executable == 0 ? null : DateTimeOffset.FromUnixTimeSeconds((long)executable).ToString("u", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A request-making operator action: signs it, then prints the request id and the next step.</summary>
    private static Command RequestOperation(
        CommandContext context,
        string name,
        string help,
        IEnumerable<Option> options,
        Func<ParseResult, WalletSession, CancellationToken, Task<BankOperation>> prepare) =>
        Operation(context, name, help, options, prepare, static (session, outcome, operation) =>
        {
            var id = ModuleCalls.IdFromLog(outcome.Receipt, operation.To, RequestCreated);
            var extra = operation.Extra ?? [];
            extra["request"] = id;
            extra["next"] = $"ledger-wallet bank request approve {id}";
            return Transactor.Print(
                session,
                outcome,
                $"{operation.Done} It is request {id}: a different officer of the bank approves it with `ledger-wallet bank request approve {id}`.",
                extra);
        });
}
