namespace Ledger.Execution.State;

/// <summary>A source with no committed entries: the state before genesis.</summary>
public sealed class EmptyBucketSource : IBucketSource
{
    public static readonly EmptyBucketSource Instance = new();

    public void ReadEntries(int bucket, List<BucketEntry> into)
    {
    }
}
