using System.Net;
using System.Net.Sockets;
using Ledger.Chaos.Cluster;

namespace Ledger.Chaos.Tests.Cluster;

/// <summary>
/// Node ports come from below the kernel's ephemeral range, so an outgoing connection elsewhere on the machine cannot take
/// one between the pick and the node's bind (campaign scenario 55 failed with "address already in use" that way).
/// </summary>
public sealed class FreePortsTests
{
    [Fact]
    public void Ports_are_distinct_bindable_and_outside_the_ephemeral_range()
    {
        var ports = FreePorts.Take(8);

        Assert.Equal(8, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 20_000, 32_767));
        foreach (var port in ports)
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start(); // free once Take returned: a node can bind it
        }
    }
}
