namespace Ledger.Simulation.Tests.Simulation;

/// <summary>A safety or liveness property broke; the message names it.</summary>
internal sealed class SimulationFailedException(string message) : Exception(message);
