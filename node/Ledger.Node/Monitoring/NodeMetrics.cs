using Prometheus;

namespace Ledger.Node.Monitoring;

/// <summary>
/// The node's Prometheus metrics, in a registry of its own (not the process-wide default) so that several
/// nodes in one test process do not share counters. Served at <c>/metrics</c> on the RPC port.
/// </summary>
public sealed class NodeMetrics
{
    public NodeMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        BlockHeight = factory.CreateGauge("ledger_block_height", "Number of the latest committed block.");
        TransactionsCommitted = factory.CreateCounter("ledger_transactions_committed_total", "Transactions committed in blocks since the node started.");
        PoolSize = factory.CreateGauge("ledger_txpool_size", "Transactions waiting in the pool.");
        PoolBytes = factory.CreateGauge("ledger_txpool_bytes", "Bytes the pooled transactions hold (as the pool accounts them).");
        PoolQueued = factory.CreateGauge("ledger_txpool_queued", "Pooled transactions waiting behind a nonce gap.");
        PoolSenders = factory.CreateGauge("ledger_txpool_senders", "Senders with pooled transactions.");
        PoolDropped = factory.CreateCounter(
            "ledger_pool_dropped_total",
            "Admitted transactions that left the pool without being committed, by reason (replaced, nonce-used, expired, evicted, invalid, revalidation).",
            new CounterConfiguration { LabelNames = ["reason"] });
        BlockCommitSeconds = factory.CreateHistogram(
            "ledger_block_commit_seconds",
            "Time to execute, seal and durably commit one block.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
        RpcRequests = factory.CreateCounter("ledger_rpc_requests_total", "HTTP requests received on the JSON-RPC endpoint.");
        ConsensusHeight = factory.CreateGauge("ledger_consensus_height", "Height the consensus state machine is working on.");
        ConsensusRound = factory.CreateGauge("ledger_consensus_round", "Round of the current consensus height.");
        RoundChanges = factory.CreateCounter(
            "ledger_consensus_round_changes_total",
            "Rounds left without a commit, by reason (timeout, jump to a higher round, height skipped by block sync).",
            new CounterConfiguration { LabelNames = ["reason"] });
        RoundTimeoutSeconds = factory.CreateGauge("ledger_consensus_round_timeout_seconds", "Timeout of the current round.");
        PeersConnected = factory.CreateGauge("ledger_peers_connected", "Authenticated peer streams.");
        AuthFailures = factory.CreateCounter(
            "ledger_auth_failures_total",
            "Client requests refused for missing or invalid credentials, by surface (jsonrpc-http, jsonrpc-ws, grpc, metrics) and reason (missing, expired, bad_signature, …).",
            new CounterConfiguration { LabelNames = ["surface", "reason"] });
        AuthDenied = factory.CreateCounter(
            "ledger_auth_denied_total",
            "Authenticated calls refused because the caller's roles do not allow the method, by method.",
            new CounterConfiguration { LabelNames = ["method"] });
        AuditFailures = factory.CreateCounter("ledger_audit_failures_total", "Audit records that could not be written (privileged calls are refused until the log is writable).");
        PeerQueued = factory.CreateGauge("ledger_peer_outbound_queued", "Envelopes waiting in the outbound queues of all peer streams.");
        SyncLag = factory.CreateGauge(
            "ledger_sync_lag_blocks", "Blocks this node is behind the highest height its validators' verified consensus messages show (member nodes: how closely they follow).");
        RpcFilters = factory.CreateGauge("ledger_rpc_filters", "Installed JSON-RPC filters (eth_newFilter, eth_newBlockFilter, eth_newPendingTransactionFilter).");
        RpcErrors = factory.CreateCounter(
            "ledger_rpc_errors_total",
            "JSON-RPC error responses (HTTP and WebSocket), by JSON-RPC error code.",
            new CounterConfiguration { LabelNames = ["code"] });
        DataDirectoryFreeBytes = factory.CreateGauge("ledger_data_dir_free_bytes", "Bytes free to this process on the filesystem of the data directory.");
        DataDirectoryCapacityBytes = factory.CreateGauge("ledger_data_dir_capacity_bytes", "Size of the filesystem that holds the data directory.");
        Backups = factory.CreateCounter(
            "ledger_backups_total", "Online backups (RocksDB checkpoints) started by an operator, by result (ok, failed).", new CounterConfiguration { LabelNames = ["result"] });
        LastBackupSeconds = factory.CreateGauge("ledger_backup_last_success_timestamp_seconds", "Unix time of the last successful online backup (0: none since start).");

        ConsensusMessagesDropped = factory.CreateCounter(
            "ledger_consensus_messages_dropped_total",
            "Peer consensus messages dropped before the state machine, by reason (malformed, stale, too_far_ahead, bad_signature, "
            + "not_validator: screened on arrival; inbound_full, queue_full: the node's bounded queues were full).",
            new CounterConfiguration { LabelNames = ["reason"] });
        GossipDropped = factory.CreateCounter(
            "ledger_gossip_dropped_total",
            "Transaction gossip dropped, by reason (peer_queue_full: a peer's outbound gossip queue; inbound_full: this node's "
            + "inbound queue; oversized_batch: a batch over the count or byte limit). Consensus messages are never dropped for gossip.",
            new CounterConfiguration { LabelNames = ["reason"] });

        // Every label value is exported from the start at 0, so rate() and increase() see the first event and the
        // dashboard and alert rules find each series on a node that has not had one yet.
        foreach (var reason in RoundChangeReasons)
        {
            RoundChanges.WithLabels(reason);
        }

        Backups.WithLabels("ok");
        Backups.WithLabels("failed");
        foreach (var reason in ConsensusDropReasons)
        {
            ConsensusMessagesDropped.WithLabels(reason);
        }

        foreach (var reason in GossipDropReasons)
        {
            GossipDropped.WithLabels(reason);
        }
    }

    /// <summary>The reasons <see cref="RoundChanges"/> counts: a round timed out, f + 1 peers made us jump ahead, or block sync skipped the height.</summary>
    public static IReadOnlyList<string> RoundChangeReasons { get; } = ["timeout", "jump", "synced"];

    /// <summary>The reasons <see cref="ConsensusMessagesDropped"/> counts.</summary>
    public static IReadOnlyList<string> ConsensusDropReasons { get; } =
        ["malformed", "stale", "too_far_ahead", "bad_signature", "not_validator", "inbound_full", "queue_full"];

    /// <summary>The reasons <see cref="GossipDropped"/> counts.</summary>
    public static IReadOnlyList<string> GossipDropReasons { get; } = ["peer_queue_full", "inbound_full", "oversized_batch"];

    public Counter RpcErrors { get; }

    public Gauge DataDirectoryFreeBytes { get; }

    public Gauge DataDirectoryCapacityBytes { get; }

    public Counter Backups { get; }

    public Gauge LastBackupSeconds { get; }

    /// <summary>Reports the free and total space of <paramref name="dataDirectory"/>'s filesystem at every scrape.</summary>
    public void WatchDataDirectory(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Registry.AddBeforeCollectCallback(() =>
        {
            try
            {
                var drive = new DriveInfo(Path.GetFullPath(dataDirectory));
                DataDirectoryFreeBytes.Set(drive.AvailableFreeSpace);
                DataDirectoryCapacityBytes.Set(drive.TotalSize);
            }
            catch (IOException)
            {
                // the last values stay; a failing disk shows up in the node's own errors
            }
        });
    }

    public CollectorRegistry Registry { get; }

    public Gauge BlockHeight { get; }

    public Counter TransactionsCommitted { get; }

    public Gauge PoolSize { get; }

    public Gauge PoolBytes { get; }

    public Gauge PoolQueued { get; }

    public Gauge PoolSenders { get; }

    public Counter PoolDropped { get; }

    public Histogram BlockCommitSeconds { get; }

    public Counter RpcRequests { get; }

    public Gauge ConsensusHeight { get; }

    public Gauge ConsensusRound { get; }

    public Counter RoundChanges { get; }

    public Gauge RoundTimeoutSeconds { get; }

    public Gauge PeersConnected { get; }

    public Counter ConsensusMessagesDropped { get; }

    public Counter GossipDropped { get; }

    public Counter AuthFailures { get; }

    public Counter AuthDenied { get; }

    public Counter AuditFailures { get; }

    /// <summary>Envelopes waiting for peers (all streams): flat under steady load, growing if a peer cannot keep up.</summary>
    public Gauge PeerQueued { get; }

    public Gauge SyncLag { get; }

    /// <summary>Installed JSON-RPC filters: bounded by the filter cap and the 5-minute expiry.</summary>
    public Gauge RpcFilters { get; }
}
