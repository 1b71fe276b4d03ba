namespace Ledger.Network.Tests;

/// <summary>Waits for a condition that other threads make true. The limit only stops a broken test; nothing asserts a duration.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task True(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not true within {Limit.TotalSeconds} s: {what}");
            }

            await Task.Delay(10);
        }
    }
}
