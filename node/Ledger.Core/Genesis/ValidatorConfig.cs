using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

/// <summary>A validator node run by <paramref name="Bank"/>; the order of validators in genesis is the proposer order.</summary>
/// <param name="Bank">Id of the operating bank.</param>
/// <param name="Address">The validator's signing key address (seals blocks and consensus messages).</param>
/// <param name="Host">Host peers and clients dial.</param>
/// <param name="GrpcPort">Peer and wallet API port (gRPC).</param>
/// <param name="RpcPort">Ethereum JSON-RPC port.</param>
public sealed record ValidatorConfig(string Bank, Address Address, string Host, int GrpcPort, int RpcPort);
