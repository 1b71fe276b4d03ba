using Ledger.Core.Primitives;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Consensus;

public sealed partial class ConsensusDriver
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Block {Number} final (round {Round}, {Transactions} transactions, {Hash})")]
    private partial void LogBlockCommitted(ulong number, uint round, int transactions, Hash32 hash);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Round {Round} of height {Height} timed out")]
    private partial void LogRoundTimeout(ulong height, uint round);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Rejected the proposal for height {Height} round {Round}: {Reason}")]
    private partial void LogProposalRejected(ulong height, uint round, string reason);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Caught up {Blocks} blocks by block sync (head {Head})")]
    private partial void LogSynced(int blocks, ulong head);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Block sync failed")]
    private partial void LogSyncFailed(Exception exception);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Critical, Message = "Consensus stopped: {Reason}")]
    private partial void LogFatal(string reason, Exception exception);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Information, Message = "Validator set changes at block {Height}: {Count} validators ({Validators})")]
    private partial void LogValidatorSetChanged(ulong height, int count, IReadOnlyList<Address> validators);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Warning, Message = "Could not connect to the new validator set")]
    private partial void LogPeerUpdateFailed(Exception exception);

    [LoggerMessage(EventId = 1220, Level = LogLevel.Information, Message = "Dropped the proposal being built for height {Height}: blocks arrived meanwhile ({Detail})")]
    private partial void LogStaleCandidate(ulong height, string detail);

    [LoggerMessage(EventId = 1230, Level = LogLevel.Information, Message = "Member node allowlist changes at block {Height}: {Count} members ({Members})")]
    private partial void LogMembersChanged(ulong height, int count, IReadOnlyList<Address> members);
}
