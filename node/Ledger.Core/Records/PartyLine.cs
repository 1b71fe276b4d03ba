using Ledger.Core.Primitives;

namespace Ledger.Core.Records;

/// <summary>A statement's sums for one counterparty of one token.</summary>
public sealed record PartyLine(Address Counterparty, StatementLine Line);
