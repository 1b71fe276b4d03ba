using System.Runtime.InteropServices;

namespace Ledger.Chaos.Cluster;

/// <summary>POSIX signals to a node process (SIGSTOP/SIGCONT have no .NET API; SIGKILL/SIGTERM are sent the same way).</summary>
internal static partial class Signals
{
    public const int Kill = 9;
    public const int Term = 15;
    public const int Cont = 18;
    public const int Stop = 19;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process no longer exists.</summary>
    public static bool Send(int pid, int signal) => SysKill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);
}
