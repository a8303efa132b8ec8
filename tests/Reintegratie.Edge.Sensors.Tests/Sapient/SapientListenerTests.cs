using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Sensors.Sapient.Proto;
using Task = System.Threading.Tasks.Task;

namespace Reintegratie.Edge.Sensors.Tests.Sapient;

public sealed class SapientListenerTests : IAsyncLifetime
{
    private readonly SapientTestSite _site = new();
    private readonly CancellationTokenSource _cts = new();
    private SapientListener _listener = null!;
    private Task _run = Task.CompletedTask;
    private IPEndPoint _endpoint = null!;

    public async Task InitializeAsync()
    {
        var adapters = new SapientAdapterFactory().Create([(_site.Section(), _site.Site.Sensors[0])], _site.Context);
        _listener = (SapientListener)Assert.Single(adapters);
        _run = _listener.RunAsync(_cts.Token);
        _endpoint = await _listener.Bound.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _cts.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
        _cts.Dispose();
    }

    [Fact]
    public async Task Registration_KnownNode_AcceptedAndOnline()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();

        await SapientFraming.WriteAsync(stream, SapientMessages.Registration(SapientTestSite.NodeId, "Radar 1", TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow), CancellationToken.None);
        var ack = await new SapientFrameReader(stream).ReadAsync(CancellationToken.None);

        Assert.NotNull(ack);
        Assert.True(ack.RegistrationAck.Acceptance);
        Assert.Equal(SapientTestSite.NodeId.ToString(), ack.DestinationId);
        await WaitUntil(() => _site.Health.Snapshot()[0].Status == SensorStatus.Online);
    }

    [Fact]
    public async Task Registration_UnknownNode_RefusedAndClosed()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        var reader = new SapientFrameReader(stream);

        await SapientFraming.WriteAsync(stream, SapientMessages.Registration(Guid.NewGuid(), "Stranger", TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow), CancellationToken.None);
        var ack = await reader.ReadAsync(CancellationToken.None);

        Assert.False(ack!.RegistrationAck.Acceptance);
        Assert.Single(ack.RegistrationAck.AckResponseReason);
        Assert.Null(await reader.ReadAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Detection_Location_PublishesDroneInZone()
    {
        using var client = await RegisteredClientAsync();
        var objectId = SapientIds.NewUlid(DateTimeOffset.UtcNow);

        await SapientFraming.WriteAsync(client.GetStream(), SapientMessages.Detection(SapientTestSite.NodeId, objectId, 52.001, 5.002, 40, "Air Vehicle", "UAV Rotary Wing", 0.9f, DateTimeOffset.UtcNow), CancellationToken.None);
        await WaitUntil(() => _site.Sink.Drones.Count == 1);

        var (header, drone) = _site.Sink.Drones[0];
        Assert.Equal(EventKind.DroneDetection, header.Kind);
        Assert.Equal(0, header.ZoneIndex);
        Assert.Equal(objectId, drone.TrackId.ToString());
        Assert.Equal(DroneClass.UavRotaryWing, drone.Classification);
        Assert.True(drone.HasPosition);
        Assert.Equal(52.001, drone.Latitude, 9);
        Assert.Equal(5.002, drone.Longitude, 9);
    }

    [Fact]
    public async Task Detection_RangeBearing_ConvertedFromSensorPosition()
    {
        using var client = await RegisteredClientAsync();
        var at = DateTimeOffset.UtcNow;
        var message = SapientMessages.Envelope(SapientTestSite.NodeId, null, at);
        message.DetectionReport = new DetectionReport
        {
            ReportId = SapientIds.NewUlid(at),
            ObjectId = SapientIds.NewUlid(at),
            RangeBearing = new RangeBearing { Azimuth = 90, Range = 500, CoordinateSystem = RangeBearingCoordinateSystem.DegreesM, Datum = RangeBearingDatum.True },
        };

        await SapientFraming.WriteAsync(client.GetStream(), message, CancellationToken.None);
        await WaitUntil(() => _site.Sink.Drones.Count == 1);

        var drone = _site.Sink.Drones[0].Drone;
        Assert.True(drone.HasBearing && drone.HasPosition);
        var (bearing, distance) = SapientGeo.BearingDistance(52.0, 5.0, drone.Latitude, drone.Longitude);
        Assert.Equal(90, bearing, 0);
        Assert.Equal(500, distance, 0);
    }

    [Fact]
    public async Task HostileClient_OversizeLength_ClosedWhileGoodClientFlows()
    {
        using var good = await RegisteredClientAsync();
        using var hostile = await ConnectAsync();
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, 64 << 20);

        await hostile.GetStream().WriteAsync(header);
        var read = await hostile.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await SapientFraming.WriteAsync(good.GetStream(), SapientMessages.Detection(SapientTestSite.NodeId, SapientIds.NewUlid(DateTimeOffset.UtcNow), 52, 5, null, "Air Vehicle", null, 0.5f, DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Equal(0, read);
        await WaitUntil(() => _site.Sink.Drones.Count == 1);
        Assert.True(_listener.MalformedCount >= 1);
    }

    [Fact]
    public async Task HostileClient_GarbageWithoutRegistering_DoesNotBlockOthers()
    {
        using var hostile = await ConnectAsync();
        await hostile.GetStream().WriteAsync(new byte[] { 2, 0, 0 }); // half a prefix, then silence
        using var good = await RegisteredClientAsync();

        await SapientFraming.WriteAsync(good.GetStream(), SapientMessages.Detection(SapientTestSite.NodeId, SapientIds.NewUlid(DateTimeOffset.UtcNow), 52, 5, null, "UAV Fixed Wing", null, 0.5f, DateTimeOffset.UtcNow), CancellationToken.None);

        await WaitUntil(() => _site.Sink.Drones.Count == 1);
        Assert.Equal(DroneClass.UavFixedWing, _site.Sink.Drones[0].Drone.Classification);
    }

    [Fact]
    public async Task NonConformingMessage_AnsweredWithErrorAndSkipped()
    {
        using var client = await RegisteredClientAsync();
        var bad = SapientMessages.Detection(SapientTestSite.NodeId, "not-a-ulid", 52, 5, null, "Air Vehicle", null, 0.5f, DateTimeOffset.UtcNow);

        await SapientFraming.WriteAsync(client.GetStream(), bad, CancellationToken.None);
        var reply = await new SapientFrameReader(client.GetStream()).ReadAsync(CancellationToken.None);

        Assert.Contains("detectionReport.objectId", reply!.Error.ErrorMessage[0]);
        Assert.Empty(_site.Sink.Drones);
    }

    [Fact]
    public async Task Disconnect_RegisteredNode_MarkedOffline()
    {
        var client = await RegisteredClientAsync();
        await WaitUntil(() => _site.Health.Snapshot()[0].Status == SensorStatus.Online);

        client.Dispose();

        await WaitUntil(() => _site.Sink.Health.Any(h => h.Health.Status == SensorStatus.Offline && h.Health.Reason.ToString() == "transport_closed"));
    }

    [Fact]
    public async Task Status_Error_ReportsFault()
    {
        using var client = await RegisteredClientAsync();

        await SapientFraming.WriteAsync(client.GetStream(), SapientMessages.StatusReport(SapientTestSite.NodeId, StatusReport.Types.System.Error, null, DateTimeOffset.UtcNow), CancellationToken.None);

        await WaitUntil(() => _site.Health.Snapshot()[0].Status == SensorStatus.Fault);
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(_endpoint);
        return client;
    }

    private async Task<TcpClient> RegisteredClientAsync()
    {
        var client = await ConnectAsync();
        await SapientFraming.WriteAsync(client.GetStream(), SapientMessages.Registration(SapientTestSite.NodeId, "Radar 1", TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow), CancellationToken.None);
        var ack = await new SapientFrameReader(client.GetStream()).ReadAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(ack!.RegistrationAck.Acceptance);
        return client;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 30 s");
            await Task.Delay(20);
        }
    }
}
