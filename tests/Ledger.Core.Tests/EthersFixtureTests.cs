using System.Text.Json;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Core.Tests;

/// <summary>
/// Transactions signed by ethers.js 6.17.0 (Fixtures/ethers-transactions.json, made by
/// tests/e2e/scripts/generate-ethers-fixtures.mjs) decode to the hash, signing hash and sender ethers reports.
/// </summary>
public class EthersFixtureTests
{
    public static TheoryData<string> FixtureNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var fixture in Load())
            {
                data.Add(fixture.GetProperty("name").GetString()!);
            }

            return data;
        }
    }

    [Fact]
    public void The_fixture_covers_every_transaction_type()
    {
        var types = Load().Select(f => f.GetProperty("type").GetInt32()).Distinct().Order().ToArray();
        Assert.Equal([0, 1, 2], types);
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Ethers_signed_transactions_decode_to_what_ethers_reports(string name)
    {
        var fixture = Load().Single(f => f.GetProperty("name").GetString() == name);
        var raw = Hex.Decode(fixture.GetProperty("raw").GetString()!);

        var tx = TransactionDecoder.Decode(raw);
        Assert.Equal((TxType)fixture.GetProperty("type").GetInt32(), tx.Type);
        Assert.Equal(ulong.Parse(fixture.GetProperty("chainId").GetString()!), tx.ChainId);
        Assert.Equal(ulong.Parse(fixture.GetProperty("nonce").GetString()!), tx.Nonce);
        Assert.Equal(Hash32.Parse(fixture.GetProperty("hash").GetString()!), tx.Hash);
        Assert.Equal(Hash32.Parse(fixture.GetProperty("unsignedHash").GetString()!), tx.SigningHash);

        var from = fixture.GetProperty("from").GetString()!;
        Assert.True(TransactionSigner.TryRecoverSender(tx, Ecdsa.Default));
        Assert.Equal(from, tx.Sender.ToChecksumString());
        var viaManaged = TransactionDecoder.Decode(raw);
        Assert.True(TransactionSigner.TryRecoverSender(viaManaged, Ecdsa.Managed));
        Assert.Equal(tx.Sender, viaManaged.Sender);
    }

    private static JsonElement[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ethers-transactions.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("transactions").EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
