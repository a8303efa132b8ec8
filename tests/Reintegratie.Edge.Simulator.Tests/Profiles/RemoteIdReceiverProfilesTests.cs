using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RemoteId.Mavlink;
using Reintegratie.Edge.Simulator.Profiles;

namespace Reintegratie.Edge.Simulator.Tests.Profiles;

/// <summary>The MAVLink and capture-file profiles of the simulated Remote ID receiver.</summary>
public sealed class RemoteIdReceiverProfilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ridsim-profiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Mavlink_FlyReadByTheRealMavlinkAdapter_HeartbeatsAndTheTrack()
    {
        var section = Section(("Id", "rid-m"), ("Family", "RemoteId"), ("Format", "mavlink"));
        await using var sim = new RemoteIdSimulatorFactory().Create(section, SimulatorTestSupport.Context(_dir));
        var overrides = await sim.PrepareAsync(CancellationToken.None);
        var (site, sink, ctx) = SimulatorTestSupport.Gateway("rid-m", SensorFamily.RemoteId);
        var adapter = MavlinkRemoteIdAdapter.ForPort(site.Sensors[0], new RemoteIdOptions { Format = RemoteIdFormat.Mavlink, Port = overrides["Port"]! }, ctx);
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        await SimulatorTestSupport.WaitUntil(() => adapter.Reader.Connects > 0, "adapter connected");
        await sim.StartAsync(CancellationToken.None);

        await sim.ExecuteAsync(SimulatorTestSupport.Step("rid-m", "fly", """
            {"uasId": "SIMMAV0001", "from": {"lat": 51.660, "lon": 5.280}, "to": {"lat": 51.670, "lon": 5.300},
             "operator": {"lat": 51.650, "lon": 5.270}, "seconds": 1, "rateHz": 5, "altitudeM": 80}
            """), CancellationToken.None);
        await SimulatorTestSupport.WaitUntil(() => sink.Drones.Length >= 6 && adapter.Heartbeats >= 1, "six locations and a heartbeat");

        var drones = sink.Drones;
        Assert.All(drones, d => Assert.Equal("SIMMAV0001", d.UasId.ToString()));
        Assert.All(drones, d => Assert.True(d.HasOperator));
        Assert.Equal(51.670, drones[5].Latitude, 6);
        Assert.Equal(0, adapter.Malformed);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public void MavlinkPack_ParsedByOurFramer_SameMessagesAndMac()
    {
        var messages = new byte[2 * OdidFrame.MessageSize];
        OdidEncoder.Encode(new BasicIdMessage { ProtocolVersion = 2, IdType = 1, UaType = 2, UasId = Core.Events.FixedAscii32.From("SIMMAV0002") }, messages);

        var bytes = RemoteIdMavlinkFrames.Pack(messages.AsSpan(0, OdidFrame.MessageSize), 0x02AABBCCDDEE, 7);

        Assert.Equal(MavlinkReject.None, MavlinkFrame.TryParse(bytes, out var frame, out var consumed));
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(MavlinkMessageInfo.OpenDroneIdMessagePack, frame.MessageId);
        var payload = new byte[249];
        frame.CopyPayload(payload); // trailing zeros were truncated on the wire
        Assert.True(MavlinkOdidDecoder.TryMac(payload, frame.MessageId, out var mac));
        Assert.Equal(0x02AABBCCDDEEUL, mac);
        var pack = new byte[OdidFrame.MaxFrameSize];
        var length = MavlinkOdidDecoder.DecodeMessagePack(payload, pack, out var error);
        Assert.Null(error);
        Assert.Equal("SIMMAV0002", OdidDecoder.DecodeBasicId(OdidFrame.Parse(pack.AsSpan(0, length))[0]).UasId.ToString());
    }

    [Fact]
    public async Task Pcap_CaptureFileHandedToTheGatewayAsAnAbsolutePath()
    {
        var file = Path.Combine(_dir, "incident.pcap");
        await File.WriteAllBytesAsync(file, [0xD4, 0xC3, 0xB2, 0xA1]);
        await using var sim = new RemoteIdSimulatorFactory().Create(Section(("Id", "rid-p"), ("Family", "RemoteId"), ("Format", "pcap"), ("Capture", file)), SimulatorTestSupport.Context(_dir));

        var overrides = await sim.PrepareAsync(CancellationToken.None);

        Assert.Equal(file, overrides["Capture"]);
        await Assert.ThrowsAsync<ArgumentException>(() => sim.ExecuteAsync(SimulatorTestSupport.Step("rid-p", "fly"), CancellationToken.None));
    }

    [Fact]
    public void Pcap_MissingCapture_RefusedNamingTheKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RemoteIdSimulatorFactory().Create(
            Section(("Id", "rid-p"), ("Family", "RemoteId"), ("Format", "pcap"), ("Capture", Path.Combine(_dir, "none.pcap"))), SimulatorTestSupport.Context(_dir)));

        Assert.Contains("Site:Sensors:0:Capture", ex.Message, StringComparison.Ordinal);
    }

    private static IConfigurationSection Section(params (string Key, string Value)[] keys) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(keys.Select(k => new KeyValuePair<string, string?>($"Site:Sensors:0:{k.Key}", k.Value)))
            .Build()
            .GetSection("Site:Sensors:0");
}
