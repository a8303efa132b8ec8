using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Sensors.Sapient.Proto;
using Reintegratie.Edge.Sensors.Tests.Sapient;
using Reintegratie.Edge.Sensors.Tests.Transports;
using Task = System.Threading.Tasks.Task;

namespace Reintegratie.Edge.Sensors.Tests.Links;

/// <summary>
/// The attacks of issue 15 on a SAPIENT listener with TLS on: a node with a valid certificate of its own speaking for
/// another node, a second link with the real node's certificate, no certificate, a flood of idle connections.
/// </summary>
public sealed class SapientLinkTests : IAsyncLifetime
{
    private static readonly Guid s_radar1 = Guid.Parse("a8654cdf-4328-47de-81fa-c495589e30c9");
    private static readonly Guid s_radar2 = Guid.Parse("0b6f7a52-1d3e-4c5f-8a9b-2c3d4e5f6a7b");
    private readonly TestPki _pki = new();
    private readonly CollectingEventSink _sink = new();
    private readonly CancellationTokenSource _cts = new();
    private SensorHealthRegistry _health = null!;
    private SapientListener _listener = null!;
    private Task _run = Task.CompletedTask;
    private IPEndPoint _endpoint = null!;

    public async Task InitializeAsync()
    {
        var site = SiteModel.Build(new SiteOptions
        {
            Name = "PI Test",
            Zones = [new ZoneOptions { Id = "north", Polygon = [new() { Lat = 51.99, Lon = 4.99 }, new() { Lat = 51.99, Lon = 5.01 }, new() { Lat = 52.01, Lon = 5.01 }, new() { Lat = 52.01, Lon = 4.99 }] }],
            Sensors =
            [
                new SensorOptions { Id = "radar-1", Family = SensorFamily.Sapient, Zone = "north", ReportingSeconds = 30, Position = new GeoPoint { Lat = 52.0, Lon = 5.0 } },
                new SensorOptions { Id = "radar-2", Family = SensorFamily.Sapient, Zone = "north", ReportingSeconds = 30, Position = new GeoPoint { Lat = 52.0, Lon = 5.0 } },
            ],
        });
        _health = new SensorHealthRegistry(site, _sink, TimeProvider.System);
        var context = new AdapterContext(site, _sink, _health, TimeProvider.System, NullLoggerFactory.Instance, null, _pki.Settings(maxPending: 3));
        var sections = new[] { (s_radar1, 0), (s_radar2, 1) }
            .Select(x => (Section: (Microsoft.Extensions.Configuration.IConfigurationSection)new DictionarySection($"Site:Sensors:{x.Item2}",
                new Dictionary<string, string?> { ["Listen"] = "127.0.0.1:0", ["NodeId"] = x.Item1.ToString() }), Sensor: site.Sensors[x.Item2]))
            .ToList();
        _listener = (SapientListener)Assert.Single(new SapientAdapterFactory().Create(sections, context));
        _run = _listener.RunAsync(_cts.Token);
        _endpoint = await _listener.Bound.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _cts.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
        _cts.Dispose();
        _pki.Dispose();
    }

    [Fact]
    public async Task Detection_ForOtherNodeFromValidCertificate_RefusedJournaledAndRealNodeServed()
    {
        await using var real = await RegisteredAsync("radar-1", s_radar1);
        await using var forger = await RegisteredAsync("radar-2", s_radar2);

        await SapientFraming.WriteAsync(forger, Detection(s_radar1), CancellationToken.None);
        await WaitUntil(() => LinkFaults("forged_identity").Count == 1);
        await SapientFraming.WriteAsync(real, Detection(s_radar1), CancellationToken.None);
        await WaitUntil(() => _sink.Drones.Count == 1);

        Assert.All(_sink.Drones, d => Assert.Equal(0, d.Header.SensorIndex)); // only the real radar's detection
        Assert.Equal(0, LinkFaults("forged_identity")[0].Header.SensorIndex);
        Assert.Equal(SensorStatus.Online, _health.Snapshot()[0].Status); // the fault event never moved radar-1's health
        Assert.Null(await new SapientFrameReader(forger).ReadAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30))); // closed
    }

    [Fact]
    public async Task StatusOk_FromForgedLink_DoesNotEndTamper()
    {
        await using var real = await RegisteredAsync("radar-1", s_radar1);
        var tamper = SapientMessages.StatusReport(s_radar1, StatusReport.Types.System.Ok, null, DateTimeOffset.UtcNow);
        tamper.StatusReport.Status.Add(new StatusReport.Types.Status
        {
            StatusLevel = StatusReport.Types.StatusLevel.WarningStatus, StatusType = StatusReport.Types.StatusType.Other, StatusValue = "tamper: enclosure open",
        });
        await SapientFraming.WriteAsync(real, tamper, CancellationToken.None);
        await WaitUntil(() => _health.Snapshot()[0].Status == SensorStatus.Tamper);
        await using var forger = await RegisteredAsync("radar-2", s_radar2);

        await SapientFraming.WriteAsync(forger, SapientMessages.StatusReport(s_radar1, StatusReport.Types.System.Ok, null, DateTimeOffset.UtcNow), CancellationToken.None);
        await WaitUntil(() => LinkFaults("forged_identity").Count == 1);

        Assert.Equal(SensorStatus.Tamper, _health.Snapshot()[0].Status);
        Assert.DoesNotContain(_sink.Health, h => h.Header.SensorIndex == 0 && h.Health.Status == SensorStatus.Online && h.Health.Previous == SensorStatus.Tamper);
    }

    [Fact]
    public async Task SecondLink_SameCertificate_RefusedAsDuplicateAndFirstStillServed()
    {
        await using var real = await RegisteredAsync("radar-1", s_radar1);

        await using var second = await _pki.ConnectAsync(_endpoint, "radar-1");
        await WaitUntil(() => LinkFaults("duplicate_link").Count == 1);
        await SapientFraming.WriteAsync(real, Detection(s_radar1), CancellationToken.None);

        await WaitUntil(() => _sink.Drones.Count == 1);
        Assert.Equal(1, _listener.OpenConnections);
        Assert.Equal(SensorStatus.Online, _health.Snapshot()[0].Status);
    }

    [Fact]
    public async Task Handshake_CertificateFromAnotherCa_Refused()
    {
        var refusedBefore = _listener.Links.Refused;

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var stranger = await _pki.ConnectAsync(_endpoint, "radar-1", stranger: true);
            await SapientFraming.WriteAsync(stranger, Detection(s_radar1), CancellationToken.None);
            _ = await new SapientFrameReader(stranger).ReadAsync(CancellationToken.None) ?? throw new IOException("closed");
        });

        await WaitUntil(() => _listener.Links.Refused > refusedBefore);
        Assert.Empty(_sink.Drones);
        Assert.Contains(LinkFaults("unauthenticated_link"), h => h.Header.SensorIndex == 0);
    }

    [Fact]
    public async Task Flood_IdleConnectionsFillHandshakePool_KnownSensorAddressStillServed()
    {
        await (await RegisteredAsync("radar-1", s_radar1)).DisposeAsync(); // radar-1's address is now known
        await WaitUntil(() => _listener.OpenConnections == 0);
        var flood = new List<Socket>();
        for (var i = 0; i < 6; i++)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.Bind(new IPEndPoint(IPAddress.Parse($"127.0.0.{2 + (i % 3)}"), 0)); // three stranger addresses, two connections each
            await s.ConnectAsync(_endpoint);
            flood.Add(s);
        }

        await WaitUntil(() => _listener.Links.PendingCount == 3 && LinkFaults("connection_flood").Count >= 1);
        await using var real = await RegisteredAsync("radar-1", s_radar1);
        await SapientFraming.WriteAsync(real, Detection(s_radar1), CancellationToken.None);

        await WaitUntil(() => _sink.Drones.Count == 1);
        flood.ForEach(s => s.Dispose());
    }

    private List<(EventHeader Header, HealthData Health)> LinkFaults(string reason) =>
        [.. _sink.Health.Where(h => h.Health.Status == SensorStatus.Fault && h.Health.Reason.ToString() == reason)];

    private static SapientMessage Detection(Guid node) =>
        SapientMessages.Detection(node, SapientIds.NewUlid(DateTimeOffset.UtcNow), 52.001, 5.002, 40, "Air Vehicle", "UAV Rotary Wing", 0.9f, DateTimeOffset.UtcNow);

    private async Task<SslStream> RegisteredAsync(string certificate, Guid node)
    {
        var client = await _pki.ConnectAsync(_endpoint, certificate);
        await SapientFraming.WriteAsync(client, SapientMessages.Registration(node, certificate, TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow), CancellationToken.None);
        var ack = await new SapientFrameReader(client).ReadAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
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
