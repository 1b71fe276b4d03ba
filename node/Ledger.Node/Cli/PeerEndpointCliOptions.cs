using System.CommandLine;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>
/// <c>--peer-endpoint ADDRESS=HOST:PORT</c> (repeatable) of <c>ledger run</c>: where to dial that genesis validator instead
/// of its genesis host and gRPC port. Each flag overrides the same address in the config file's <c>peerEndpoints</c>.
/// </summary>
internal sealed class PeerEndpointCliOptions
{
    private readonly Option<string[]> _endpoints = new("--peer-endpoint")
    {
        Description = "Dial validator ADDRESS at HOST:PORT instead of its genesis endpoint (NAT, load balancer, fault proxy); repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public void AddTo(Command command) => command.Options.Add(_endpoints);

    /// <summary><paramref name="endpoints"/> (from the config file, may be null) with the flags given applied.</summary>
    public IReadOnlyDictionary<string, string>? Apply(ParseResult parse, IReadOnlyDictionary<string, string>? endpoints)
    {
        var flags = parse.GetValue(_endpoints);
        if (flags is null || flags.Length == 0)
        {
            return endpoints;
        }

        var merged = new Dictionary<string, string>(endpoints ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var flag in flags)
        {
            var (address, endpoint) = PeerEndpointOverrides.ParseFlag(flag);
            merged[address] = endpoint;
        }

        return merged;
    }
}
