using System.Threading.Channels;

namespace Ledger.Network.Tests;

internal static class Inbox
{
    /// <summary>The next item, or a test failure if none arrives (a broken test must not hang).</summary>
    public static async Task<T> Next<T>(ChannelReader<T> reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            return await reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"no {typeof(T).Name} arrived within 30 s");
        }
    }

    public static async Task<List<T>> Take<T>(ChannelReader<T> reader, int count)
    {
        var items = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(await Next(reader));
        }

        return items;
    }
}
