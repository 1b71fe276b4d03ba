namespace Ledger.Contracts.Compliance;

/// <summary>What a consortium proposal changes once a majority of banks approves it.</summary>
public enum ProposalKind : byte
{
    None = 0,

    /// <summary>Appoint <c>account</c> as the regulator (replacing the current one).</summary>
    Regulator = 1,

    /// <summary>Make <c>account</c> the operator key of <c>bank</c> (replacing the current one).</summary>
    BankOperator = 2,

    /// <summary>Open (or close) the corridor between two jurisdictions.</summary>
    Corridor = 3,
}
