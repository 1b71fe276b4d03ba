using System.Text.Json.Nodes;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Client;

/// <summary>
/// Trust on first use for a node: the first time the wallet talks to an endpoint it records the chain id and the
/// genesis block's hash in <c>nodes.json</c> in the wallet folder; later a node at that endpoint answering another
/// chain id or genesis is refused before anything is signed (a chain id from the node would otherwise decide which
/// chain a signature is valid on). Resetting the pin is deliberate: delete the endpoint's entry from that file.
/// </summary>
internal sealed class PinnedLedgerClient(ILedgerClient inner, string walletDirectory) : ILedgerClient
{
    private ChainInfo? _checked;

    public string Endpoint => inner.Endpoint;

    public string PinFile => Path.Combine(walletDirectory, "nodes.json");

    public async Task<ChainInfo> GetChainInfoAsync(CancellationToken cancellationToken)
    {
        var chain = await inner.GetChainInfoAsync(cancellationToken).ConfigureAwait(false);
        if (_checked is null || _checked.ChainId != chain.ChainId)
        {
            var genesis = await inner.GetBlockAsync(0, cancellationToken).ConfigureAwait(false);
            Check(chain.ChainId, genesis.Hash);
            _checked = chain;
        }

        return chain;
    }

    private void Check(ulong chainId, string genesisHash)
    {
        var pins = File.Exists(PinFile) ? JsonNode.Parse(File.ReadAllText(PinFile)) as JsonObject ?? [] : [];
        if (pins[Endpoint] is JsonObject pin)
        {
            var (pinnedChain, pinnedGenesis) = ((ulong?)pin["chainId"], (string?)pin["genesisHash"]);
            if (pinnedChain != chainId || !string.Equals(pinnedGenesis, genesisHash, StringComparison.OrdinalIgnoreCase))
            {
                throw WalletException.Rejected(
                    $"the node at {Endpoint} now reports chain {chainId} with genesis {genesisHash}, but this wallet pinned chain {pinnedChain} " +
                    $"with genesis {pinnedGenesis} on first use; nothing was signed. If the network was deliberately reset, remove the " +
                    $"\"{Endpoint}\" entry from {PinFile} and run the command again");
            }

            return;
        }

        pins[Endpoint] = new JsonObject { ["chainId"] = chainId, ["genesisHash"] = genesisHash };
        Directory.CreateDirectory(walletDirectory);
        File.WriteAllText(PinFile, pins.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    public Task<IReadOnlyList<Token>> GetTokensAsync(CancellationToken cancellationToken) => inner.GetTokensAsync(cancellationToken);

    public Task<Account> GetAccountAsync(Address address, CancellationToken cancellationToken) => inner.GetAccountAsync(address, cancellationToken);

    public Task<Hash32> SubmitAsync(byte[] rawTransaction, CancellationToken cancellationToken) => inner.SubmitAsync(rawTransaction, cancellationToken);

    public Task<TransactionReceipt> WaitForReceiptAsync(Hash32 hash, Action? onPending, CancellationToken cancellationToken) =>
        inner.WaitForReceiptAsync(hash, onPending, cancellationToken);

    public Task<TransactionStatus?> GetTransactionAsync(Hash32 hash, CancellationToken cancellationToken) => inner.GetTransactionAsync(hash, cancellationToken);

    public Task<BlockInfo> GetBlockAsync(ulong? number, CancellationToken cancellationToken) => inner.GetBlockAsync(number, cancellationToken);

    public Task<IReadOnlyList<Module>> GetModulesAsync(CancellationToken cancellationToken) => inner.GetModulesAsync(cancellationToken);

    public Task<CallResponse> ViewAsync(Address? from, Address to, byte[] data, CancellationToken cancellationToken) =>
        inner.ViewAsync(from, to, data, cancellationToken);

    public Task<GetHistoryResponse> GetHistoryAsync(GetHistoryRequest request, CancellationToken cancellationToken) =>
        inner.GetHistoryAsync(request, cancellationToken);

    public void Dispose() => inner.Dispose();
}
