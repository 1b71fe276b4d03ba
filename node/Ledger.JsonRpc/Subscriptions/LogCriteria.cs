using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.JsonRpc.Subscriptions;

/// <summary>The address and topic part of a log filter, matched against single logs (subscriptions, filters).</summary>
public sealed record LogCriteria(IReadOnlyList<Address> Addresses, IReadOnlyList<IReadOnlyList<Hash32>?> Topics)
{
    /// <summary>Same rule as eth_getLogs: any listed address, and each topic position null (any) or one of its hashes.</summary>
    public bool Matches(LogEntry log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (Addresses.Count > 0 && !Contains(Addresses, log.Address))
        {
            return false;
        }

        if (Topics.Count > log.Topics.Count)
        {
            // A filter naming more positions than the log has can only match if the extra ones are wildcards.
            for (var i = log.Topics.Count; i < Topics.Count; i++)
            {
                if (Topics[i] is not null)
                {
                    return false;
                }
            }
        }

        var positions = Math.Min(Topics.Count, log.Topics.Count);
        for (var i = 0; i < positions; i++)
        {
            if (Topics[i] is { } wanted && !Contains(wanted, log.Topics[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains<T>(IReadOnlyList<T> list, T value)
        where T : IEquatable<T>
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Equals(value))
            {
                return true;
            }
        }

        return false;
    }
}
