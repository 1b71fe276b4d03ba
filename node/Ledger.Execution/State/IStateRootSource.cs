namespace Ledger.Execution.State;

/// <summary>A committed state that can compute the state tree after a block's changes (the block executor needs one as its parent).</summary>
public interface IStateRootSource
{
    /// <summary>Computes (without applying) the tree update of <paramref name="changes"/> on top of this state.</summary>
    StateTreeUpdate PrepareStateRoot(StateChangeSet changes);
}
