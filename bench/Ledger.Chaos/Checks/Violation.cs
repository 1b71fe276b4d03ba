namespace Ledger.Chaos.Checks;

/// <summary>One broken invariant, with a sentence that says where (heights, hashes, nodes).</summary>
public sealed record Violation(ViolationKind Kind, string Message)
{
    public override string ToString() => $"{Kind}: {Message}";
}
