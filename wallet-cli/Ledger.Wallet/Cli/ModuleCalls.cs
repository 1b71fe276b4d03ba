using Ledger.Core.Primitives;

namespace Ledger.Wallet.Cli;

/// <summary>Finding the node's modules by name and reading their views.</summary>
internal static class ModuleCalls
{
    public const string IdentityRegistry = "IdentityRegistry";
    public const string Compliance = "Compliance";
    public const string Settlement = "Settlement";
    public const string Merchant = "Merchant";
    public const string Directory = "Directory";

    /// <summary>The address of module <paramref name="name"/>; a clear error when this node does not run it.</summary>
    public static async Task<Address> AddressOfAsync(WalletSession session, string name, CancellationToken ct)
    {
        foreach (var module in await session.Client.GetModulesAsync(ct).ConfigureAwait(false))
        {
            if (string.Equals(module.Name, name, StringComparison.Ordinal))
            {
                return Address.Parse(module.Address);
            }
        }

        throw new WalletException($"the node at {session.Client.Endpoint} has no {name} module, so this command cannot work there");
    }

    /// <summary>The first indexed argument (an id) of event <paramref name="eventSignature"/> logged by <paramref name="module"/>.</summary>
    public static ulong IdFromLog(Api.V1.TransactionReceipt receipt, Address module, string eventSignature)
    {
        var topic = Core.Encoding.AbiTopic.OfEvent(eventSignature).ToString();
        foreach (var log in receipt.Logs)
        {
            if (log.Topics.Count >= 2 && log.Topics[0] == topic && Address.TryParse(log.Address, out var emitter) && emitter == module)
            {
                return UInt256.FromBigEndian(Hash32.Parse(log.Topics[1]).ToArray()).ToUInt64();
            }
        }

        throw new WalletException($"transaction {receipt.TransactionHash} succeeded but logged no {eventSignature[..eventSignature.IndexOf('(', StringComparison.Ordinal)]}; check it with `tx status`");
    }

    /// <summary>Runs a view and returns its ABI output; a revert is a rejection in plain words.</summary>
    public static async Task<byte[]> ViewAsync(WalletSession session, Address? from, Address to, byte[] data, CancellationToken ct)
    {
        var response = await session.Client.ViewAsync(from, to, data, ct).ConfigureAwait(false);
        return response.Success
            ? response.Output.ToByteArray()
            : throw WalletException.Rejected(RevertReasons.Explain(response.RevertReason));
    }
}
