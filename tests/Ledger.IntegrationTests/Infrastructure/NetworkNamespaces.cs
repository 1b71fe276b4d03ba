using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace Ledger.IntegrationTests.Infrastructure;

/// <summary>
/// One Linux network namespace per host of a consortium, joined by veth pairs to a bridge in the root namespace on a
/// private 10.x.y.0/24 (the bridge holds .254, so the test process reaches every host the way a bank's clients would).
/// Names carry a random tag so parallel runs never collide; <see cref="Dispose"/> deletes the namespaces (which destroys
/// their veth ends) and the bridge, on every exit path. Needs root (CAP_NET_ADMIN) and iproute2.
/// </summary>
internal sealed class NetworkNamespaces : IDisposable
{
    private readonly string _tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    private readonly List<string> _namespaces = [];
    private readonly List<string> _links = [];
    private readonly string _bridge;
    private bool _bridgeCreated;

    private NetworkNamespaces(int hosts)
    {
        _bridge = $"lbr{_tag}";
        // 10.(64–127).(0–255).0/24: a private range unlikely to be routed on a test machine; random per run.
        Subnet = $"10.{64 + RandomNumberGenerator.GetInt32(64)}.{RandomNumberGenerator.GetInt32(256)}";
        Hosts = hosts;
    }

    public int Hosts { get; }

    /// <summary>The first three octets of the hosts' /24.</summary>
    public string Subnet { get; }

    /// <summary>Why network namespaces cannot be used here, or null when they can (root, iproute2, a probe namespace works).</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces are a Linux feature";
        }

        if (Run("id", "-u").Output.Trim() != "0")
        {
            return "creating network namespaces needs root (CAP_NET_ADMIN); run the suite as root, as CI does";
        }

        var probe = $"lprobe{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var added = Run("ip", "netns", "add", probe);
        if (added.ExitCode != 0)
        {
            return $"`ip netns add` is not permitted here: {added.Output.Trim()}";
        }

        Run("ip", "netns", "del", probe);
        return null;
    }

    /// <summary>Creates <paramref name="hosts"/> namespaces with addresses .1 … .hosts on a fresh bridge.</summary>
    public static NetworkNamespaces Create(int hosts)
    {
        var network = new NetworkNamespaces(hosts);
        try
        {
            network.Build();
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Name of host <paramref name="index"/>'s namespace (0-based).</summary>
    public string Namespace(int index) => $"lns{_tag}{index}";

    /// <summary>Address of host <paramref name="index"/> (0-based: .1, .2, …).</summary>
    public IPAddress Address(int index) => IPAddress.Parse($"{Subnet}.{index + 1}");

    /// <summary>The command prefix that runs a program inside host <paramref name="index"/>'s namespace.</summary>
    public IReadOnlyList<string> Exec(int index) => ["ip", "netns", "exec", Namespace(index)];

    public void Dispose()
    {
        foreach (var name in _namespaces)
        {
            Run("ip", "netns", "del", name);
        }

        foreach (var link in _links)
        {
            Run("ip", "link", "del", link); // only left when a namespace move failed half-way
        }

        if (_bridgeCreated)
        {
            Run("ip", "link", "del", _bridge);
        }
    }

    private void Build()
    {
        Must("ip", "link", "add", _bridge, "type", "bridge");
        _bridgeCreated = true;
        Must("ip", "addr", "add", $"{Subnet}.254/24", "dev", _bridge);
        Must("ip", "link", "set", _bridge, "up");
        for (var i = 0; i < Hosts; i++)
        {
            var name = Namespace(i);
            var inside = $"lvh{_tag}{i}";
            var outside = $"lvb{_tag}{i}";
            Must("ip", "netns", "add", name);
            _namespaces.Add(name);
            Must("ip", "link", "add", inside, "type", "veth", "peer", "name", outside);
            _links.Add(outside);
            Must("ip", "link", "set", inside, "netns", name);
            Must("ip", "link", "set", outside, "master", _bridge);
            Must("ip", "link", "set", outside, "up");
            Must("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
            Must("ip", "netns", "exec", name, "ip", "addr", "add", $"{Address(i)}/24", "dev", inside);
            Must("ip", "netns", "exec", name, "ip", "link", "set", inside, "up");
        }

        _links.Clear(); // every outside end is on the bridge: deleting a namespace removes its pair
    }

    private static void Must(params string[] command)
    {
        var (exitCode, output) = Run(command);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"`{string.Join(' ', command)}` failed with exit code {exitCode}: {output.Trim()}");
        }
    }

    private static (int ExitCode, string Output) Run(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {command[0]}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out: {string.Join(' ', command)}");
        }

        return (process.ExitCode, stdout.Result + stderr);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Hosts} namespaces on {Subnet}.0/24 via bridge {_bridge}");
}
