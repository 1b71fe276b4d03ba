using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Ledger.Wallet.Cli;

/// <summary><c>node info</c>: which chain the wallet talks to, its head block and modules.</summary>
internal static class NodeCommand
{
    public static Command Create(CommandContext context)
    {
        var node = new Command("node", "Look at the node the wallet talks to.");
        var info = new Command("info", "Show the chain id, the head block and the modules.\n\nExample:\n  ledger-wallet --node 127.0.0.1:50051 node info --json");
        info.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var client = session.Client;
            var chain = await client.GetChainInfoAsync(ct).ConfigureAwait(false);
            var head = await client.GetBlockAsync(null, ct).ConfigureAwait(false);
            var modules = await client.GetModulesAsync(ct).ConfigureAwait(false);
            var time = DateTimeOffset.FromUnixTimeMilliseconds((long)head.TimestampMs).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            if (session.Json)
            {
                var list = new JsonArray();
                foreach (var module in modules)
                {
                    list.Add(new JsonObject { ["name"] = module.Name, ["address"] = module.Address });
                }

                session.WriteJson(new JsonObject
                {
                    ["endpoint"] = client.Endpoint,
                    ["chainId"] = chain.ChainId,
                    ["head"] = new JsonObject { ["number"] = head.Number, ["hash"] = head.Hash, ["time"] = time, ["proposer"] = head.Proposer, ["transactions"] = head.TransactionHashes.Count },
                    ["modules"] = list,
                });
                return ExitCodes.Success;
            }

            session.Out.WriteLine($"Node {client.Endpoint}: chain {chain.ChainId}, head block {head.Number} ({head.Hash}) at {time}, proposer {head.Proposer}");
            foreach (var module in modules)
            {
                session.Out.WriteLine($"  {module.Name,-20} {module.Address}");
            }

            return ExitCodes.Success;
        }));
        node.Subcommands.Add(info);
        return node;
    }
}
