using System.Numerics;
using Ledger.Core.Crypto;
using Ledger.IntegrationTests.Infrastructure;
using Nethereum.Contracts;
using Nethereum.Contracts.Standards.ERC20.ContractDefinition;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Ledger.IntegrationTests;

/// <summary>
/// Nethereum.Web3, the wallet-side C# library, against a real `ledger dev` (and, through the same flows, a
/// testnet validator in <see cref="TestnetClientTests"/>): chain reads, an ERC-20 balance,
/// a locally signed transfer waited for by receipt, its decoded Transfer event, and the event found again
/// through an eth_getLogs filter and an installed filter.
/// </summary>
public sealed class NethereumClientTests
{
    private const string Usda = "0x2000000000000000000000000000000000000001";
    private const long ChainId = 4242;

    [Fact]
    public async Task Nethereum_reads_the_chain_and_a_token_balance()
    {
        using var node = LedgerProcess.StartDev();
        await ReadsChainAndBalanceAsync(node.RpcUrl);
    }

    [Fact]
    public async Task Nethereum_sends_a_signed_transfer_and_finds_its_event()
    {
        using var node = LedgerProcess.StartDev();
        await SendsTransferAndFindsEventAsync(node.RpcUrl);
    }

    /// <summary>Chain id, a block by number, and an ERC-20 query (dev account 9 must hold its genesis USDA).</summary>
    internal static async Task ReadsChainAndBalanceAsync(Uri rpcUrl)
    {
        var web3 = new Web3(rpcUrl.ToString());

        Assert.Equal(ChainId, (long)(await web3.Eth.ChainId.SendRequestAsync()).Value);
        var number = await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync();
        var block = await web3.Eth.Blocks.GetBlockWithTransactionsByNumber.SendRequestAsync(number);
        Assert.Equal(number.Value, block.Number.Value);
        Assert.Equal(66, block.BlockHash.Length);

        var token = web3.Eth.ERC20.GetContractService(Usda);
        Assert.Equal("USDA", await token.SymbolQueryAsync());
        Assert.Equal(2, await token.DecimalsQueryAsync());
        Assert.Equal(new BigInteger(100_000_000), await token.BalanceOfQueryAsync(Address(9)));
    }

    /// <summary>A signed USDA transfer from dev account 1, its receipt, decoded event, logs and an installed filter.</summary>
    internal static async Task SendsTransferAndFindsEventAsync(Uri rpcUrl)
    {
        var sender = new Account(DevKeys.PrivateKey(1), ChainId);
        var web3 = new Web3(sender, rpcUrl.ToString());

        // No fees on Ledger: a legacy transaction at gas price 0 (Nethereum would otherwise ask for EIP-1559 fees).
        web3.TransactionManager.UseLegacyAsDefault = true;
        var token = web3.Eth.ERC20.GetContractService(Usda);
        var recipient = Address(2);
        var before = await token.BalanceOfQueryAsync(recipient);

        var receipt = await token.TransferRequestAndWaitForReceiptAsync(new TransferFunction
        {
            To = recipient,
            Value = 1234,
            GasPrice = 0,
            Gas = 200_000,
        });
        Assert.Equal(1, (int)receipt.Status.Value);
        Assert.Equal(before + 1234, await token.BalanceOfQueryAsync(recipient));

        var transfer = Assert.Single(receipt.DecodeAllEvents<TransferEventDTO>());
        Assert.Equal(sender.Address, transfer.Event.From, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(recipient, transfer.Event.To, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(new BigInteger(1234), transfer.Event.Value);

        var transferEvent = web3.Eth.GetEvent<TransferEventDTO>(Usda);
        var range = new BlockParameter(receipt.BlockNumber);
        var fromSender = transferEvent.CreateFilterInput(sender.Address, range, range);
        var logs = await transferEvent.GetAllChangesAsync(fromSender);
        Assert.Contains(logs, l => l.Log.TransactionHash == receipt.TransactionHash);

        // An installed filter (eth_newFilter + eth_getFilterLogs) over the same range finds it too.
        var filterId = await transferEvent.CreateFilterAsync(fromSender);
        var filtered = await transferEvent.GetAllChangesAsync(filterId);
        Assert.Contains(filtered, l => l.Log.TransactionHash == receipt.TransactionHash);
        Assert.True(await web3.Eth.Filters.UninstallFilter.SendRequestAsync(filterId));

        var tx = await web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(receipt.TransactionHash);
        Assert.Equal(receipt.BlockHash, tx.BlockHash);
        Assert.Equal(new HexBigInteger(0).Value, tx.GasPrice.Value);
    }

    private static string Address(int devAccount) => DevKeys.Address(devAccount).ToString();
}
