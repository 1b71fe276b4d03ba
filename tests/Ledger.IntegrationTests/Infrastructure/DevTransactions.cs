using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.LoadGen.Chain;

namespace Ledger.IntegrationTests.Infrastructure;

/// <summary>Token transfers signed in C# with the dev keys (Ledger.Core's signer, native secp256k1).</summary>
public static class DevTransactions
{
    public static SignedTransaction Transfer(int fromDevAccount, ulong nonce, Address to, UInt256 amount, Address? token = null) =>
        TransactionSigner.Sign(
            new UnsignedTransaction
            {
                ChainId = DevChain.ChainId,
                Nonce = nonce,
                GasLimit = 100_000,
                To = token ?? DevChain.Usda,
                Data = Calls.Transfer(to, amount),
            },
            DevKeys.PrivateKey(fromDevAccount),
            Ecdsa.Default);
}
