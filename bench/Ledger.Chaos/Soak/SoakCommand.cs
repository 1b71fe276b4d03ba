namespace Ledger.Chaos.Soak;

/// <summary>Placeholder until the soak lands.</summary>
public static class SoakCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine($"soak: not built yet ({args.Length} arguments)");
        return Task.FromResult(2);
    }
}
