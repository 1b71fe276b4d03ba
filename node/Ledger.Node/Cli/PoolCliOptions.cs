using System.CommandLine;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>
/// The transaction-pool limit flags shared by <c>ledger dev</c> and <c>ledger run</c>; each overrides the matching
/// <see cref="NodeOptions"/> setting (for <c>run</c>, also the config file). A flag not given leaves the value as it was;
/// <see cref="NodeOptions.Validate"/> checks the result.
/// </summary>
internal sealed class PoolCliOptions
{
    private readonly Option<int?> _capacity = new("--txpool-capacity") { Description = "Most transactions the pool holds. Default 200000." };
    private readonly Option<long?> _maxBytes = new("--txpool-max-bytes") { Description = "Most bytes the pool holds. Default 536870912." };
    private readonly Option<int?> _perSender = new("--txpool-per-sender") { Description = "Most pooled transactions per sender. Default 1024." };
    private readonly Option<int?> _futureWindow = new("--txpool-future-window") { Description = "Nonces beyond the committed one a sender may have in flight. Default 1024." };
    private readonly Option<int?> _queuedLifetime = new("--txpool-queued-lifetime-seconds") { Description = "Seconds a transaction may wait behind a nonce gap before it expires. Default 600." };
    private readonly Option<int?> _replacements = new("--txpool-replacements-per-minute") { Description = "Same-nonce replacements per sender per minute. Default 30." };

    public void AddTo(Command command)
    {
        command.Options.Add(_capacity);
        command.Options.Add(_maxBytes);
        command.Options.Add(_perSender);
        command.Options.Add(_futureWindow);
        command.Options.Add(_queuedLifetime);
        command.Options.Add(_replacements);
    }

    public NodeOptions Apply(ParseResult parse, NodeOptions options) => options with
    {
        TxPoolCapacity = parse.GetValue(_capacity) ?? options.TxPoolCapacity,
        TxPoolMaxBytes = parse.GetValue(_maxBytes) ?? options.TxPoolMaxBytes,
        TxPoolPerSenderCapacity = parse.GetValue(_perSender) ?? options.TxPoolPerSenderCapacity,
        TxPoolFutureWindow = parse.GetValue(_futureWindow) ?? options.TxPoolFutureWindow,
        TxPoolQueuedLifetimeSeconds = parse.GetValue(_queuedLifetime) ?? options.TxPoolQueuedLifetimeSeconds,
        TxPoolReplacementsPerMinute = parse.GetValue(_replacements) ?? options.TxPoolReplacementsPerMinute,
    };
}
