namespace Ledger.Execution.State;

/// <summary>Where the state tree reads the committed entries of a bucket when the bucket must be rehashed.</summary>
public interface IBucketSource
{
    /// <summary>Appends the bucket's committed entries to <paramref name="into"/>, ascending by leaf key. Called concurrently for different buckets.</summary>
    void ReadEntries(int bucket, List<BucketEntry> into);
}
