using Ledger.Core.Primitives;

namespace Ledger.Core.Records;

/// <summary>
/// An account's records summed per token, and within a token per counterparty and per kind. Tokens are never added
/// together (they may be different currencies, or the same currency at different banks); presentation groups them.
/// For every token, <c>Received − Spent</c> over a period's records equals the balance change over that period.
/// </summary>
public sealed class RecordStatement
{
    private RecordStatement(IReadOnlyList<TokenStatement> tokens, int records)
    {
        Tokens = tokens;
        Records = records;
    }

    /// <summary>Tokens in order of first appearance in the records given.</summary>
    public IReadOnlyList<TokenStatement> Tokens { get; }

    /// <summary>How many records were summed (outcome records included).</summary>
    public int Records { get; }

    public static RecordStatement Build(IEnumerable<AccountRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var tokens = new List<Address>();
        var totals = new Dictionary<Address, StatementLine>();
        var byParty = new Dictionary<(Address, Address), StatementLine>();
        var byKind = new Dictionary<(Address, RecordKind), StatementLine>();
        var count = 0;
        foreach (var record in records)
        {
            count++;
            if (!totals.TryGetValue(record.Token, out var total))
            {
                tokens.Add(record.Token);
                total = StatementLine.Empty;
            }

            totals[record.Token] = total.Add(record);
            var party = (record.Token, record.Counterparty);
            byParty[party] = byParty.GetValueOrDefault(party, StatementLine.Empty).Add(record);
            var kind = (record.Token, record.Kind);
            byKind[kind] = byKind.GetValueOrDefault(kind, StatementLine.Empty).Add(record);
        }

        var result = tokens.ConvertAll(token => new TokenStatement(
            token,
            totals[token],
            [.. byParty.Where(p => p.Key.Item1 == token).Select(p => new PartyLine(p.Key.Item2, p.Value))
                .OrderByDescending(p => p.Line.Spent).ThenByDescending(p => p.Line.Received).ThenBy(p => p.Counterparty)],
            [.. byKind.Where(p => p.Key.Item1 == token).Select(p => new KindLine(p.Key.Item2, p.Value))
                .OrderByDescending(p => p.Line.Spent).ThenByDescending(p => p.Line.Received).ThenBy(p => p.Kind)]));
        return new RecordStatement(result, count);
    }
}
