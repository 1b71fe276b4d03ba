using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

/// <summary>
/// The genesis roles and rules of the Compliance module: the regulator, each bank's compliance officers and the
/// cross-border corridors the consortium allows. All of it can change on-chain later (roles by the banks,
/// the regulator and corridors by a majority of banks); genesis only sets the starting point.
/// </summary>
public sealed record ComplianceConfig
{
    /// <summary>The regulator's key: reads everything and may freeze any account; none when null.</summary>
    public Address? Regulator { get; init; }

    /// <summary>Compliance officers per bank (they register customers, freeze and set limits for their bank only).</summary>
    public IReadOnlyList<ComplianceOfficerConfig> ComplianceOfficers { get; init; } = [];

    /// <summary>Pairs of jurisdictions between which transfers are allowed (both directions).</summary>
    public IReadOnlyList<CorridorConfig> Corridors { get; init; } = [];

    /// <summary>Maker–checker rules for recovery, forced transfers, burns and large mints (defaults when left out).</summary>
    public FourEyesConfig FourEyes { get; init; } = new();

    /// <summary>True when the section says nothing (then it is left out of the JSON).</summary>
    public bool IsEmpty => Regulator is null && ComplianceOfficers.Count == 0 && Corridors.Count == 0 && FourEyes.IsDefault;
}
