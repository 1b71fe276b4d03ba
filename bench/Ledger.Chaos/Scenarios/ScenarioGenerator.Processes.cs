namespace Ledger.Chaos.Scenarios;

public static partial class ScenarioGenerator
{
    private static void Kills(Random random, List<ScheduledFault> steps, double window)
    {
        // One node at a time (a quorum always remains): SIGKILL, down 2–10 s, restart; sometimes the proposer.
        var t = At(random, 1, 4);
        for (var k = random.Next(1, 4); k > 0 && t < window - 4; k--)
        {
            var node = random.Next(Nodes);
            var proposer = random.Next(3) == 0;
            var down = At(random, 2, Math.Min(10, window - t - 1));
            steps.Add(new ScheduledFault(t, new KillNode(proposer ? null : node)));
            steps.Add(new ScheduledFault(t + down, new StartNode(proposer ? StartNode.KilledProposer : node)));
            t += down + At(random, 1, 4);
        }
    }

    private static double Pause(Random random, List<ScheduledFault> steps, double? maxWindow)
    {
        // The proposer freezes for 5–30 s with its sockets open; the window is stretched to hold the pause (or, in a short
        // sequence, the pause shrunk to fit the window, never below 5 s).
        var seconds = random.Next(5, 31);
        var at = maxWindow is null ? At(random, 1, 4) : 1;
        if (maxWindow is { } most)
        {
            seconds = Math.Max(5, Math.Min(seconds, (int)(most - at - 3)));
        }

        steps.Add(new ScheduledFault(at, new PauseProposer(seconds)));
        return Math.Max(maxWindow is null ? 20 : 0, Math.Ceiling(at + seconds + 3));
    }

    private static void WipeResync(Random random, List<ScheduledFault> steps)
    {
        // One or two validators lose their disks and resync from empty data, and while they catch up another is killed
        // (the failure class that halted Besu QBFT networks, hyperledger/besu #8307, #7642).
        var first = random.Next(Nodes);
        var wiped = new List<int> { first };
        if (random.Next(2) == 0)
        {
            wiped.Add(OtherNode(random, first));
        }

        var at = At(random, 2, 6);
        foreach (var node in wiped)
        {
            steps.Add(new ScheduledFault(at, new KillNode(node)));
            steps.Add(new ScheduledFault(at + 0.5, new StartNode(node, Wipe: true)));
        }

        var victim = Enumerable.Range(0, Nodes).Where(n => !wiped.Contains(n)).ElementAt(random.Next(Nodes - wiped.Count));
        var killAt = at + At(random, 1, 4);
        steps.Add(new ScheduledFault(killAt, new KillNode(victim)));
        steps.Add(new ScheduledFault(killAt + At(random, 3, 10), new StartNode(victim)));
    }
}
