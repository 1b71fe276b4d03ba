using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.LoadGen;
using Ledger.LoadGen.Rpc;

namespace Ledger.Chaos.Workload;

/// <summary>
/// Prepares a fresh chain for the workload: registers and funds the accounts (Bank A's operator, via the load generator's
/// setup), lets Bank B's FX desk post a USD/EUR rate and allow Settlement to pay out its EURB, and has the first
/// <c>merchants</c> accounts create invoices. Returns what the payment factory needs.
/// </summary>
public sealed class WorkloadSetup(JsonRpcClient rpc, IEcdsa ecdsa, TextWriter log)
{
    /// <summary>How long the posted rate and the signed quotes stay valid (the module allows at most 24 hours).</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromHours(6);

    public async Task<SetupResult> RunAsync(IReadOnlyList<LoadAccount> accounts, int merchants, int invoicesEach, ulong fundEach, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        await new SetupPhase(rpc, ecdsa, log).RunAsync(accounts, fundEach, cancellationToken);
        var blockTime = await BlockTimeAsync(cancellationToken);
        var validUntil = blockTime + (ulong)Validity.TotalSeconds;
        var sender = new SetupSender(rpc, ecdsa, log);
        await sender.SendAsync(
            DevKeys.PrivateKey(ChaosChain.DeskDevKey),
            [
                (ChaosChain.Settlement, new AbiWriter(4).WriteString("USD").WriteString("EUR").WriteUInt256(ChaosChain.UsdEurRate).WriteUInt64(validUntil)
                    .ToCallData("postRate(string,string,uint256,uint64)"), 300_000),
                (ChaosChain.Eurb, new AbiWriter(2).WriteAddress(ChaosChain.Settlement).WriteUInt256(UInt256.MaxValue).ToCallData("approve(address,uint256)"), 200_000),
            ],
            "FX desk rate and allowance",
            cancellationToken);

        var creations = new List<Task>();
        for (var m = 0; m < merchants; m++)
        {
            var calls = Enumerable.Range(0, invoicesEach).Select(k => (
                ChaosChain.Merchant,
                new AbiWriter(4).WriteAddress(ChaosChain.Usda).WriteUInt256((ulong)(100 + (37 * k % 9_000))).WriteUInt64(validUntil).WriteString($"order {m}-{k}")
                    .ToCallData("createInvoice(address,uint256,uint64,string)"),
                300_000UL)).ToList();
            creations.Add(sender.SendAsync(accounts[m].PrivateKey, calls, $"merchant {m} invoices", cancellationToken));
        }

        await Task.WhenAll(creations);
        var invoices = await ReadInvoicesAsync(accounts, merchants * invoicesEach, cancellationToken);
        return new SetupResult(invoices, validUntil, await rpc.BlockNumberAsync(cancellationToken));
    }

    private async Task<ulong> BlockTimeAsync(CancellationToken cancellationToken)
    {
        var block = await rpc.CallAsync("eth_getBlockByNumber", ["latest", false], cancellationToken);
        return block.GetQuantity("timestamp");
    }

    /// <summary>Invoices 1..count: merchant (first word of getInvoice) and amount (third word).</summary>
    private async Task<IReadOnlyList<Invoice>> ReadInvoicesAsync(IReadOnlyList<LoadAccount> accounts, int count, CancellationToken cancellationToken)
    {
        var byAddress = accounts.Select((a, i) => (a.Address, i)).ToDictionary(p => p.Address, p => p.i);
        var invoices = new List<Invoice>(count);
        for (ulong id = 1; id <= (ulong)count; id++)
        {
            var call = new Dictionary<string, string>
            {
                ["to"] = ChaosChain.Merchant.ToString(),
                ["data"] = Hex.Encode(new AbiWriter(1).WriteUInt256(id).ToCallData("getInvoice(uint256)")),
            };
            var result = Hex.Decode((await rpc.CallAsync("eth_call", [call, "latest"], cancellationToken)).GetString()!);
            var merchant = new Address(result.AsSpan(12, 20));
            var amount = UInt256.FromBigEndian(result.AsSpan(64, 32)).ToUInt64();
            invoices.Add(new Invoice(id, byAddress[merchant], merchant, amount));
        }

        return invoices;
    }
}
