namespace Ledger.Core.Records;

/// <summary>A statement's sums for one kind of record of one token.</summary>
public sealed record KindLine(RecordKind Kind, StatementLine Line);
