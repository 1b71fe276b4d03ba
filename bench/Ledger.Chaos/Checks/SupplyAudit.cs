namespace Ledger.Chaos.Checks;

/// <summary>
/// Money is neither created nor lost: for every token on every node, supply = minted − burned − redeemed and the balances
/// of all holders add up to the supply; and all nodes agree on every figure at the same block. Pure.
/// </summary>
public static class SupplyAudit
{
    public static IReadOnlyList<Violation> Run(ulong block, IReadOnlyDictionary<int, IReadOnlyList<TokenSupply>> byNode)
    {
        ArgumentNullException.ThrowIfNull(byNode);
        var violations = new List<Violation>();
        IReadOnlyList<TokenSupply>? reference = null;
        var referenceNode = -1;
        foreach (var (node, tokens) in byNode.OrderBy(p => p.Key))
        {
            foreach (var t in tokens)
            {
                if (t.Supply != t.Minted - t.Burned - t.Redeemed)
                {
                    violations.Add(new Violation(ViolationKind.SupplyMismatch,
                        $"node {node}, block {block}, token {t.Token}: supply {t.Supply} ≠ minted {t.Minted} − burned {t.Burned} − redeemed {t.Redeemed}"));
                }

                if (t.SumOfBalances != t.Supply)
                {
                    violations.Add(new Violation(ViolationKind.SupplyMismatch,
                        $"node {node}, block {block}, token {t.Token}: the {t.HolderCount} holders' balances add up to {t.SumOfBalances}, the supply is {t.Supply}"));
                }
            }

            if (reference is null)
            {
                reference = tokens;
                referenceNode = node;
                continue;
            }

            foreach (var t in tokens)
            {
                if (reference.FirstOrDefault(r => r.Token == t.Token) is { } r && r != t)
                {
                    violations.Add(new Violation(ViolationKind.SupplyMismatch, $"block {block}, token {t.Token}: node {referenceNode} says {r}, node {node} says {t}"));
                }
            }
        }

        return violations;
    }
}
