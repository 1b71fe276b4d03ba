using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Benchmarks;

/// <summary>Realistic inputs: token transfers signed with a dev key, as the load generator sends them.</summary>
public static class BenchmarkData
{
    public static readonly Address Usda = Address.Parse("0x2000000000000000000000000000000000000001");

    public static SignedTransaction Transfer(TxType type, ulong nonce = 7) =>
        TransactionSigner.Sign(
            new UnsignedTransaction
            {
                Type = type,
                ChainId = 4242,
                Nonce = nonce,
                GasLimit = 100_000,
                To = Usda,
                Data = new AbiWriter(2).WriteAddress(DevKeys.Address(2)).WriteUInt256(1234).ToCallData("transfer(address,uint256)"),
            },
            DevKeys.PrivateKey(1),
            Ecdsa.Managed);
}
