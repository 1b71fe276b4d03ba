using System.Text;
using Ledger.Core.Crypto;
using Ledger.LoadGen;

namespace Ledger.Chaos.Workload;

/// <summary>Workload accounts derived from the scenario's seed, so a failing run's accounts are the same when it is repeated.</summary>
public static class ChaosAccount
{
    public static LoadAccount[] Create(int count, long seed, IEcdsa ecdsa)
    {
        var accounts = new LoadAccount[count];
        for (var i = 0; i < count; i++)
        {
            var key = Keccak256.HashToArray(Encoding.ASCII.GetBytes($"ledger-chaos/{seed}/{i}"));
            accounts[i] = new LoadAccount(key, ecdsa.AddressOf(key));
        }

        return accounts;
    }
}
