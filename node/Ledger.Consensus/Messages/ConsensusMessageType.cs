namespace Ledger.Consensus.Messages;

/// <summary>Wire and signing tag of each consensus message kind (values are part of the protocol).</summary>
public enum ConsensusMessageType : byte
{
    Proposal = 1,
    Prepare = 2,
    Commit = 3,
    RoundChange = 4,
}
