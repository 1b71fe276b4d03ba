namespace Ledger.Chaos.Workload;

/// <summary>
/// Everything the workload learned about one payment: which nodes acknowledged it and when, whether and where it
/// committed, whether a node reported it dropped (and why), and how often it had to be resent after every node said
/// "unknown". Mutated under <see cref="Sync"/>.
/// </summary>
public sealed class PaymentRecord(Payment payment)
{
    public Lock Sync { get; } = new();

    public Payment Payment { get; } = payment;

    public List<(int Node, TimeSpan At)> Acks { get; } = [];

    public int Attempts { get; set; }

    public TimeSpan? FirstSentAt { get; set; }

    public TimeSpan? CommittedAt { get; set; }

    public ulong? Height { get; set; }

    /// <summary>The first "dropped" status a node reported: reason and detail.</summary>
    public string? DroppedReason { get; set; }

    /// <summary>Times every reachable node said "unknown" and the same bytes were sent again.</summary>
    public int Resends { get; set; }

    /// <summary>Resent after a node that acknowledged it crashed (allowed: its pool died with it).</summary>
    public bool ResentAfterCrash { get; set; }

    /// <summary>A node that acknowledged it said "unknown" without having crashed since (a violation).</summary>
    public string? Forgotten { get; set; }

    /// <summary>A send was answered "nonce too low": its nonce committed (this payment or the one it replaced).</summary>
    public bool NonceUsed { get; set; }

    /// <summary>The receipt's status once committed (null until read).</summary>
    public bool? Succeeded { get; set; }

    public bool Acknowledged
    {
        get
        {
            lock (Sync)
            {
                return Acks.Count > 0;
            }
        }
    }

    public TimeSpan? FirstAckAt
    {
        get
        {
            lock (Sync)
            {
                return Acks.Count > 0 ? Acks.Min(a => a.At) : null;
            }
        }
    }
}
