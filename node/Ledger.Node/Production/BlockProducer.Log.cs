using Ledger.Core.Primitives;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Production;

public sealed partial class BlockProducer
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Committed block {Number} with {TransactionCount} transactions, gas {GasUsed}, hash {Hash} in {ElapsedMs:F1} ms")]
    private partial void LogBlockCommitted(ulong number, int transactionCount, ulong gasUsed, Hash32 hash, double elapsedMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Dropped transaction {Hash} from the pool: {Reason}")]
    private partial void LogTransactionDropped(Hash32 hash, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Critical, Message = "Block production stopped: {Reason}. The node must stop; no further block will be written.")]
    private partial void LogFatal(string reason, Exception exception);
}
