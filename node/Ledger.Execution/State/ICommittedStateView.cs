namespace Ledger.Execution.State;

/// <summary>
/// The committed state after one block, with that block's number: what the transaction pool checks nonces and
/// senders against. The number lets the pool tell a read made before a commit from one made after it.
/// </summary>
public interface ICommittedStateView : IStateView
{
    /// <summary>The block whose state this is.</summary>
    ulong BlockNumber { get; }
}
