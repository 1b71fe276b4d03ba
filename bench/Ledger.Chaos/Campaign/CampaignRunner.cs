using System.Diagnostics;
using Ledger.Chaos.Scenarios;

namespace Ledger.Chaos.Campaign;

/// <summary>Runs scenarios first..first+count-1 of a seed one after another, one line each on <c>output</c>, details on <c>log</c>.</summary>
public sealed class CampaignRunner(long seed, RunnerOptions options, TextWriter output, TextWriter log)
{
    public async Task<(CampaignSummary Summary, IReadOnlyList<ScenarioResult> Results)> RunAsync(
        IEnumerable<int> indices, FaultClass? only, Func<ScenarioResult, Task>? each, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var elapsed = Stopwatch.StartNew();
        var results = new List<ScenarioResult>();
        foreach (var index in indices)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var scenario = ScenarioGenerator.Create(seed, index, only);
            var result = await new ScenarioRunner(scenario, options, log).RunAsync(cancellationToken);
            results.Add(result);
            await output.WriteLineAsync(result.OneLine());
            foreach (var violation in result.Violations.Take(10))
            {
                await output.WriteLineAsync($"       {violation}");
            }

            if (!result.Passed)
            {
                await output.WriteLineAsync($"       reproduce: ledger-chaos --seed {seed} --scenario {index}{(only is { } c ? $" --class {c}" : "")}{(result.KeptAt is { } kept ? $"  (logs in {kept})" : "")}");
            }

            await output.FlushAsync(cancellationToken);
            if (each is not null)
            {
                await each(result);
            }
        }

        return (CampaignSummary.From(seed, results, elapsed.Elapsed), results);
    }
}
