using Ledger.Api.V1;
using Ledger.Core.Records;

namespace Ledger.Wallet.Statements;

/// <summary>One token in a statement: its metadata and its sums (total, by counterparty, by kind) in its own base units.</summary>
public sealed record TokenSection(Token Token, TokenStatement Sums);
