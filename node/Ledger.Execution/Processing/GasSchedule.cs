namespace Ledger.Execution.Processing;

/// <summary>
/// Gas is accounting only (no fees): a transaction uses <see cref="Intrinsic"/> plus the fixed cost each module
/// function reports in ModuleResult.GasUsed, plus the costs of the modules it calls in turn.
/// </summary>
public static class GasSchedule
{
    /// <summary>Charged to every transaction, as in Ethereum.</summary>
    public const ulong Intrinsic = 21_000;

    /// <summary>Deepest chain of module-to-module calls (the top-level call is depth 0).</summary>
    public const int MaxCallDepth = 8;

    /// <summary>Adds without wrapping: a gas total that would overflow is simply "more than any limit".</summary>
    public static ulong SaturatingAdd(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;
}
