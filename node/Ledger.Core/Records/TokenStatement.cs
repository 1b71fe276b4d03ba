using Ledger.Core.Primitives;

namespace Ledger.Core.Records;

/// <summary>One token's totals and its breakdowns, largest spending first.</summary>
public sealed record TokenStatement(Address Token, StatementLine Total, IReadOnlyList<PartyLine> ByCounterparty, IReadOnlyList<KindLine> ByKind);
