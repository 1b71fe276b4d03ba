namespace Ledger.Simulation.Tests.Simulation;

internal enum SimEventKind
{
    Deliver,
    Timer,
    CandidateReady,
    ValidationDone,
    Crash,
    Restart,
    PartitionStart,
    PartitionHeal,
    SyncTick,
    Gst,
}
