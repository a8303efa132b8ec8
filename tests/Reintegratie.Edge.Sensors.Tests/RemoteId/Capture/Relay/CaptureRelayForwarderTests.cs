using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Sensors.Links;
using Reintegratie.Edge.Sensors.RemoteId.Capture;
using Reintegratie.Edge.Sensors.RemoteId.Capture.Relay;
using Reintegratie.Edge.Sensors.Tests.Transports;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Capture.Relay;

/// <summary>
/// The capture unit's end over a real unix socket: every packet of a live source (here the scapy captures standing in
/// for the radio, the hardware edge) reaches the gateway's end byte for byte with its link type, and a source that
/// fails stops the forwarder with its reason (the capture unit exits and systemd restarts it).
/// </summary>
public sealed class CaptureRelayForwarderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("relay-fwd-").FullName;

    [Fact]
    public void Run_EveryPacketOfTheSource_ArrivesWholeAtTheGateway()
    {
        var sent = Packets("ble-legacy.pcap").Concat(Packets("hci-le-report.pcap")).Concat(Packets("wifi-nan.pcapng")).ToList();
        var context = TestSite.Context(TestSite.Build(Core.Events.SensorFamily.RemoteId), new CollectingEventSink());
        var path = Path.Combine(_dir, "capture.sock");
        using var listener = new CaptureRelayListener(path, CaptureRelayPeer.Own(), 0, "s1", new LinkAlarm(context, NullLogger.Instance, "s1"), NullLogger.Instance);
        using var gatewayEnd = new RelayCaptureSource(listener, TimeSpan.FromSeconds(30), TimeProvider.System);
        var buffer = new byte[65536];
        Assert.False(gatewayEnd.TryRead(buffer, out _, out _, out _)); // listening
        using var socket = CaptureRelayForwarder.Connect(path);
        var forwarder = new CaptureRelayForwarder();

        var ex = Assert.Throws<IOException>(() => forwarder.Run(new ListSource(sent), socket, CancellationToken.None));

        Assert.Equal("radio gone", ex.Message);
        Assert.Equal(sent.Count, forwarder.Sent);
        var received = new List<(int, byte[])>();
        for (var i = 0; i < 200 && received.Count < sent.Count; i++)
        {
            if (gatewayEnd.TryRead(buffer, out var length, out var linkType, out _))
            {
                received.Add((linkType, buffer[..length]));
            }
        }

        Assert.Equal(sent.Select(p => (p.LinkType, Convert.ToHexString(p.Data))), received.Select(r => (r.Item1, Convert.ToHexString(r.Item2))));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<(int LinkType, byte[] Data)> Packets(string file)
    {
        using var stream = File.OpenRead(CaptureVectors.PathOf(file));
        var reader = new CaptureFileReader(stream);
        var packets = new List<(int, byte[])>();
        while (reader.TryRead(out var p))
        {
            packets.Add((p.LinkType, p.Data.ToArray()));
        }

        return packets;
    }

    /// <summary>A radio that hears the given packets, then is unplugged.</summary>
    private sealed class ListSource(List<(int LinkType, byte[] Data)> packets) : ICaptureSource
    {
        private int _next;

        public bool IsReplay => false;

        public bool TryRead(byte[] buffer, out int length, out int linkType, out DateTimeOffset timestamp)
        {
            if (_next == packets.Count)
            {
                throw new IOException("radio gone");
            }

            var (type, data) = packets[_next++];
            data.CopyTo(buffer, 0);
            (length, linkType, timestamp) = (data.Length, type, DateTimeOffset.UtcNow);
            return true;
        }

        public void Dispose()
        {
        }
    }
}
