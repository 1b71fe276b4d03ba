using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.LoadGen.Chain;
using Ledger.LoadGen.Rpc;

namespace Ledger.Console.Tests.Infrastructure;

/// <summary>Transactions the console tests send (signed in C# with the public dev keys) and what they read back over JSON-RPC.</summary>
public static class DevChainTransactions
{
    public static Address Directory { get; } = Address.Parse("0x1000000000000000000000000000000000000005");

    public static Address Compliance { get; } = Address.Parse("0x1000000000000000000000000000000000000002");

    public static Address Settlement { get; } = Address.Parse("0x1000000000000000000000000000000000000003");

    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Sends a USDA (or <paramref name="token"/>) transfer and waits for its receipt; returns the transaction hash.</summary>
    public static Task<string> TransferAsync(JsonRpcClient rpc, int fromDevAccount, Address to, ulong amount, Address? token = null) =>
        SendAsync(rpc, fromDevAccount, token ?? DevChain.Usda, Calls.Transfer(to, new UInt256(amount)));

    /// <summary>The dev account claims <paramref name="alias"/> in the Directory module.</summary>
    public static Task<string> ClaimAliasAsync(JsonRpcClient rpc, int devAccount, string alias) =>
        SendAsync(rpc, devAccount, Directory, new AbiWriter(1).WriteString(alias).ToCallData("claimAlias(string)"));

    /// <summary>A compliance officer (or the regulator) freezes <paramref name="account"/>.</summary>
    public static Task<string> FreezeAsync(JsonRpcClient rpc, int officerDevAccount, Address account, string reason) =>
        SendAsync(rpc, officerDevAccount, Compliance, new AbiWriter(2).WriteAddress(account).WriteString(reason).ToCallData("freezeAccount(address,string)"));

    /// <summary>A desk posts an FX rate (18 decimals) valid until <paramref name="validUntil"/> (unix seconds).</summary>
    public static Task<string> PostRateAsync(JsonRpcClient rpc, int deskDevAccount, string baseCurrency, string quoteCurrency, UInt256 rate, ulong validUntil) =>
        SendAsync(rpc, deskDevAccount, Settlement, new AbiWriter(4).WriteString(baseCurrency).WriteString(quoteCurrency).WriteUInt256(rate).WriteUInt64(validUntil)
            .ToCallData("postRate(string,string,uint256,uint64)"));

    /// <summary>The payer opens a USDA escrow for <paramref name="beneficiary"/> until <paramref name="deadline"/> (unix seconds).</summary>
    public static Task<string> OpenEscrowAsync(JsonRpcClient rpc, int payerDevAccount, Address beneficiary, ulong amount, ulong deadline) =>
        SendAsync(rpc, payerDevAccount, Settlement, new AbiWriter(5).WriteAddress(DevChain.Usda).WriteAddress(beneficiary).WriteUInt256(new UInt256(amount))
            .WriteUInt64(deadline).WriteBytes32(Keccak256.Hash("travel-rule envelope"u8)).ToCallData("openEscrow(address,address,uint256,uint64,bytes32)"));

    public static async Task<ulong> BalanceAsync(JsonRpcClient rpc, Address token, Address owner) =>
        (await rpc.CallUInt256Async(token, Calls.BalanceOf(owner))).ToUInt64();

    public static async Task<ulong> TotalSupplyAsync(JsonRpcClient rpc, Address token) =>
        (await rpc.CallUInt256Async(token, Calls.TotalSupply())).ToUInt64();

    private static async Task<string> SendAsync(JsonRpcClient rpc, int fromDevAccount, Address to, byte[] data)
    {
        var from = DevKeys.Address(fromDevAccount);
        var nonce = await rpc.GetTransactionCountAsync(from, "pending");
        var signed = TransactionSigner.Sign(
            new UnsignedTransaction { ChainId = DevChain.ChainId, Nonce = nonce, GasLimit = 200_000, To = to, Data = data },
            DevKeys.PrivateKey(fromDevAccount),
            Ecdsa.Default);
        var hash = await rpc.SendRawTransactionAsync(signed.Raw);
        var receipt = await rpc.WaitForReceiptAsync(hash, ReceiptTimeout);
        var status = receipt.GetText("status");
        return status == "0x1" ? hash : throw new InvalidOperationException($"transaction {hash} to {to} reverted: {receipt}");
    }
}
