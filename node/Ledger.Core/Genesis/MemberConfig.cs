using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

/// <summary>
/// A member node admitted to the peer network from genesis: it syncs and verifies every block, serves clients and
/// forwards their transactions, but never votes. Validators of the current set extend or revoke the list by majority
/// vote (the Validators module's <c>voteAddMember</c>/<c>voteRemoveMember</c>).
/// </summary>
/// <param name="Bank">Id of the bank (or regulator's sponsoring bank) that runs the node.</param>
/// <param name="Address">The node key's address, proven in every handshake and sync request.</param>
public sealed record MemberConfig(string Bank, Address Address);
