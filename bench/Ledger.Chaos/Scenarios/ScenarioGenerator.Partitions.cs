using Ledger.Chaos.Proxy;

namespace Ledger.Chaos.Scenarios;

public static partial class ScenarioGenerator
{
    private static readonly LinkFaults Cut = new() { Partitioned = true };

    private static void OneWay(Random random, List<ScheduledFault> steps, double window)
    {
        // A node that can hear but not speak (or speak but not hear), or a single direction cut; partway or throughout.
        var start = At(random, 0, 4);
        var end = random.Next(2) == 0 ? window : At(random, start + 5, window);
        var node = random.Next(Nodes);
        var shape = random.Next(3);
        var single = OtherNode(random, node);
        for (var other = 0; other < Nodes; other++)
        {
            if (other == node || (shape == 2 && other != single))
            {
                continue;
            }

            var (from, to) = shape == 1 ? (other, node) : (node, other);
            steps.Add(new ScheduledFault(start, new SetLink(from, to, Cut)));
            if (end < window)
            {
                steps.Add(new ScheduledFault(end, new SetLink(from, to, LinkFaults.None)));
            }
        }
    }

    private static void TwoWay(Random random, List<ScheduledFault> steps, double window)
    {
        // One node isolated (the rest keep a quorum), or a 2|2 split (nobody has one: the chain must halt, then resume).
        var start = At(random, 0, 4);
        var end = random.Next(3) == 0 ? At(random, start + 5, window) : window;
        var groupA = new HashSet<int>();
        if (random.Next(2) == 0)
        {
            groupA.Add(random.Next(Nodes));
        }
        else
        {
            var a = random.Next(Nodes);
            groupA.Add(a);
            groupA.Add(OtherNode(random, a));
        }

        for (var i = 0; i < Nodes; i++)
        {
            for (var j = 0; j < Nodes; j++)
            {
                if (i != j && groupA.Contains(i) != groupA.Contains(j))
                {
                    steps.Add(new ScheduledFault(start, new SetLink(i, j, Cut)));
                    if (end < window)
                    {
                        steps.Add(new ScheduledFault(end, new SetLink(i, j, LinkFaults.None)));
                    }
                }
            }
        }
    }

    private static void Mixed(Random random, List<ScheduledFault> steps, double window)
    {
        // Network trouble while a process fails: delays everywhere or one node isolated, plus a kill or a pause.
        if (random.Next(2) == 0)
        {
            Delays(random, steps, window);
        }
        else
        {
            OneWay(random, steps, window);
        }

        if (random.Next(2) == 0)
        {
            Kills(random, steps, window);
        }
        else
        {
            steps.Add(new ScheduledFault(At(random, 2, Math.Max(3, window - 12)), new PauseProposer(random.Next(5, 11))));
        }
    }
}
