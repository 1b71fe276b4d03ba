using System.Numerics;
using Ledger.Chaos.Workload;
using Ledger.Core.Primitives;

namespace Ledger.Chaos.Checks;

/// <summary>
/// Every tracked balance is what its committed payments say it must be: balance at the setup block plus the deltas of every
/// committed, successful payment. A payment applied twice, half-applied or applied on one node only shows here. Pure.
/// </summary>
public static class BalanceAudit
{
    public static IReadOnlyList<Violation> Run(
        IReadOnlyDictionary<(Address Token, Address Account), BigInteger> initial,
        IEnumerable<Payment> committedSuccessful,
        int node,
        ulong block,
        IReadOnlyDictionary<(Address Token, Address Account), BigInteger> actual)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(actual);
        var expected = new Dictionary<(Address, Address), BigInteger>(initial);
        foreach (var payment in committedSuccessful)
        {
            foreach (var delta in payment.Deltas)
            {
                expected[(delta.Token, delta.Account)] = expected.GetValueOrDefault((delta.Token, delta.Account)) + delta.Amount;
            }
        }

        var violations = new List<Violation>();
        foreach (var ((token, account), want) in expected.OrderBy(e => e.Key.Item2.ToString()))
        {
            var have = actual.GetValueOrDefault((token, account));
            if (have != want)
            {
                violations.Add(new Violation(ViolationKind.BalanceMismatch,
                    $"node {node}, block {block}: {account} holds {have} of token {token}; its committed payments say {want} ({have - want:+#;-#;0})"));
            }
        }

        return violations;
    }
}
