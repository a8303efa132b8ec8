using System.Buffers.Binary;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Sensors.Links;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RemoteId.Capture;
using Reintegratie.Edge.Sensors.RemoteId.Capture.Relay;
using Reintegratie.Edge.Sensors.Tests.Transports;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Capture.Relay;

/// <summary>
/// The relay from the capture unit to the gateway over a real unix socket in a temp directory: the adapter decodes what
/// the capture unit forwards, faults the sensor when it goes and recovers when it returns; a local insider (wrong uid,
/// a second connection, malformed frames) is refused and journaled while the capture unit's packets keep coming.
/// </summary>
public sealed class RelayCaptureSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("relay-").FullName;
    private readonly CollectingEventSink _sink = new();
    private readonly AdapterContext _context;
    private readonly RemoteIdOptions _options;

    public RelayCaptureSourceTests()
    {
        _context = TestSite.Context(TestSite.Build(SensorFamily.RemoteId), _sink);
        _options = new RemoteIdOptions { Format = RemoteIdFormat.Hci, Interface = "hci0", CaptureSocket = Path.Combine(_dir, "capture-hci0.sock") };
    }

    [Fact]
    public async Task Adapter_CaptureUnitForwards_DecodedThenFaultedWhenItGoesAndBackWhenItReturns()
    {
        await using var adapter = CaptureRemoteIdAdapter.ForOptions(_context.Site.Sensors[0], _options, _context);
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);

        using (var unit = await ConnectAsync())
        {
            Send(unit, Report());
            await TestSite.WaitUntil(() => adapter.Counters.RemoteId == 1, "the forwarded report decoded");
            Assert.Equal(SensorStatus.Online, Status());
        }

        await TestSite.WaitUntil(() => Status() == SensorStatus.Fault, "the sensor faulted once the capture unit went");
        Assert.Contains(_sink.Health, h => h.Health.Status == SensorStatus.Fault && h.Health.Reason.ToString() == "capture_unit_gone");
        using (var unit = await ConnectAsync())
        {
            Send(unit, Report());
            await TestSite.WaitUntil(() => adapter.Counters.RemoteId == 2, "decoded again after the capture unit returned");
            // Asked while the unit is still connected: once this block closes it, the sensor faults again (it raced here).
            await TestSite.WaitUntil(() => Status() == SensorStatus.Online, "online again while the returned capture unit is connected");
        }

        Assert.False(run.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        await adapter.DisposeAsync();
        Assert.False(File.Exists(_options.CaptureSocket), "the socket file is removed with the adapter");
    }

    [Fact]
    public void Listener_PeerWithAnotherUid_RefusedAndJournaledAsUnauthenticatedLink()
    {
        var (listener, alarm) = Listener(allowedUid: CaptureRelayPeer.Own() + 1); // we are the stranger
        using (listener)
        {
            Assert.Null(listener.Accept(TimeSpan.Zero)); // binds
            using var stranger = Connect();

            Assert.Null(listener.Accept(TimeSpan.FromSeconds(5)));

            Assert.Equal(1, listener.Refused);
            Assert.Equal(1, alarm.Count);
            Assert.Contains(_sink.Health, h => h.Health.Status == SensorStatus.Fault && h.Health.Reason.ToString() == "unauthenticated_link");
            Assert.Equal(0, stranger.Receive(new byte[1])); // closed on it
        }
    }

    [Fact]
    public void Source_SecondConnectionAndGarbage_RefusedWhileTheCaptureUnitsPacketsAllArrive()
    {
        var (listener, alarm) = Listener(CaptureRelayPeer.Own());
        using (listener)
        using (var source = new RelayCaptureSource(listener, TimeSpan.FromSeconds(30), TimeProvider.System))
        {
            var buffer = new byte[65536];
            Assert.False(source.TryRead(buffer, out _, out _, out _)); // binds, nobody there yet
            using var unit = Connect();
            ReadUntil(source, buffer, () => source.Connected);
            using var insider = Connect();
            Send(insider, [0xDE, 0xAD]);
            Send(unit, Report());
            Send(unit, Report());

            var packets = 0;
            ReadUntil(source, buffer, () => packets == 2, () => packets++);

            Assert.Equal(1, listener.Refused);
            Assert.Contains(_sink.Health, h => h.Health.Reason.ToString() == "duplicate_link");
            Assert.Equal(1, alarm.Count);
        }
    }

    [Fact]
    public void Source_MalformedHeader_ConnectionDroppedJournaledAndTheNextConnectionServed()
    {
        var (listener, alarm) = Listener(CaptureRelayPeer.Own());
        using (listener)
        using (var source = new RelayCaptureSource(listener, TimeSpan.FromSeconds(30), TimeProvider.System))
        {
            var buffer = new byte[65536];
            Assert.False(source.TryRead(buffer, out _, out _, out _));
            using (var bad = Connect())
            {
                ReadUntil(source, buffer, () => source.Connected);
                Send(bad, Convert.FromHexString("00000000000000000000000000000000"));
                ReadUntil(source, buffer, () => !source.Connected);
            }

            using var unit = Connect();
            ReadUntil(source, buffer, () => source.Connected);
            Send(unit, Report());
            var packets = 0;
            ReadUntil(source, buffer, () => packets == 1, () => packets++);

            Assert.Equal(1, listener.Refused);
            Assert.Contains(_sink.Health, h => h.Health.Reason.ToString() == "malformed_capture_frame");
            Assert.Equal(1, alarm.Count);
        }
    }

    [Fact]
    public void Source_NoCaptureUnitWithinTheGrace_CaptureUnitGoneSoTheSensorFaults()
    {
        var (listener, _) = Listener(CaptureRelayPeer.Own());
        using (listener)
        using (var source = new RelayCaptureSource(listener, TimeSpan.Zero, TimeProvider.System))
        {
            var ex = Assert.Throws<CaptureUnitGoneException>(() => source.TryRead(new byte[64], out _, out _, out _));
            Assert.Contains("no capture unit connected", ex.Message, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (CaptureRelayListener Listener, LinkAlarm Alarm) Listener(uint allowedUid)
    {
        var alarm = new LinkAlarm(_context, NullLogger.Instance, "s1");
        return (new CaptureRelayListener(_options.CaptureSocket, allowedUid, 0, "s1", alarm, NullLogger.Instance), alarm);
    }

    private SensorStatus Status() => _context.Health.Snapshot()[0].Status;

    private Socket Connect() => CaptureRelayForwarder.Connect(_options.CaptureSocket);

    private async Task<Socket> ConnectAsync()
    {
        await TestSite.WaitUntil(() => File.Exists(_options.CaptureSocket), "the gateway listening");
        return Connect();
    }

    private static void ReadUntil(RelayCaptureSource source, byte[] buffer, Func<bool> done, Action? onPacket = null)
    {
        for (var i = 0; i < 100 && !done(); i++)
        {
            if (source.TryRead(buffer, out var length, out var linkType, out _))
            {
                Assert.Equal(CaptureDecodeResult.RemoteId, RemoteIdCaptureDecoder.DecodeFrame(linkType, buffer.AsSpan(0, length), out _, out _, out _));
                onPacket?.Invoke();
            }
        }

        Assert.True(done(), "the source did not get there within 100 reads");
    }

    private static void Send(Socket socket, byte[] bytes) => socket.Send(bytes);

    /// <summary>The scapy HCI capture's Remote ID report, framed as the capture unit forwards it.</summary>
    private static byte[] Report()
    {
        using var stream = File.OpenRead(CaptureVectors.PathOf("hci-le-report.pcap"));
        var reader = new CaptureFileReader(stream);
        while (reader.TryRead(out var p))
        {
            if (RemoteIdCaptureDecoder.DecodeFrame(p.LinkType, p.Data, out _, out _, out _) == CaptureDecodeResult.RemoteId
                && BinaryPrimitives.ReadUInt32BigEndian(p.Data) == 1)
            {
                var frame = new byte[CaptureRelayFrame.HeaderLength + p.Data.Length];
                CaptureRelayFrame.Write(frame, p.LinkType, p.Timestamp, p.Data);
                return frame;
            }
        }

        Assert.Fail("hci-le-report.pcap holds no received Remote ID report");
        return [];
    }
}
