namespace Ledger.Simulation.Tests.Simulation;

internal sealed record SimulationResult(ScenarioConfig Config, string? Failure, long EndTimeMs, ulong MinHonestHeight, long Steps, uint MaxRound, long Rejected)
{
    public bool Succeeded => Failure is null;

    public override string ToString() =>
        $"{Config} -> {(Failure is null ? "ok" : "FAILED: " + Failure)} (t={EndTimeMs}ms height≥{MinHonestHeight} steps={Steps} maxRound={MaxRound} rejected={Rejected})";
}
