namespace Ledger.Node.Tests.Support;

/// <summary>A clock that stands still, to check that block timestamps still strictly increase.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
