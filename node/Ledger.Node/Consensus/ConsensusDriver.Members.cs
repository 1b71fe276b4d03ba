using Ledger.Contracts.Validators;
using Ledger.Core.Primitives;

namespace Ledger.Node.Consensus;

/// <summary>
/// Member nodes (DESIGN §10 "Node roles"): the consortium's allowlist of nodes that peer and sync without voting lives in
/// the Validators module (genesis <c>members</c>, then majority votes). Every node makes it part of "who may peer at the
/// current head"; a node whose own key is not in the validator set runs this driver as an observer: the state machine
/// follows proposals and commits and stores each block as soon as it sees its commit certificate, never proposes or votes,
/// and block sync covers whatever it missed.
/// </summary>
public sealed partial class ConsensusDriver
{
    private MemberAllowlist? _allowlist;
    private Address[] _chainMembers = [];
    private ulong _highestSeenHeight;

    /// <summary>
    /// How many blocks this node is behind the consortium, as far as it can tell: a verified consensus message of height h
    /// means block h − 1 is final; the lag is the highest such block minus the stored head (0 when caught up).
    /// </summary>
    public ulong LagBlocks
    {
        get
        {
            var seen = Volatile.Read(ref _highestSeenHeight);
            var head = _chain.HeadNumber;
            return seen > head + 1 ? seen - 1 - head : 0;
        }
    }

    /// <summary>The member allowlist as of the latest state (empty without a Validators module).</summary>
    public IReadOnlyList<Address> ChainMembers()
    {
        _allowlist ??= MemberAllowlist.FromGenesis(_chain.Genesis);
        return _allowlist is null ? [] : [.. _allowlist.Current(_chain.LatestState).Select(m => m.Address)];
    }

    private void ObserveHeight(ulong height)
    {
        var seen = Volatile.Read(ref _highestSeenHeight);
        while (height > seen)
        {
            var previous = Interlocked.CompareExchange(ref _highestSeenHeight, height, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    /// <summary>After a block is stored: a vote that admitted or revoked a member changes who may peer from the next block.</summary>
    private bool MembersChanged()
    {
        var members = ChainMembers();
        if (members.Count == _chainMembers.Length && members.All(_chainMembers.Contains))
        {
            return false;
        }

        _chainMembers = [.. members];
        LogMembersChanged(_chain.HeadNumber + 1, members.Count, members);
        return true;
    }
}
