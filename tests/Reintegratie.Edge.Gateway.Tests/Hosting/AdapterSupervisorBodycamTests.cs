using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Gateway.Hosting;
using Reintegratie.Edge.Sensors.Bodycam;
using Reintegratie.Edge.Sensors.Privacy;

namespace Reintegratie.Edge.Gateway.Tests.Hosting;

/// <summary>The real bodycam adapter under the real supervisor: a scan that blocks is <c>scan_stalled</c>, and the restart recovers.</summary>
public sealed class AdapterSupervisorBodycamTests : IDisposable
{
    private readonly DirectoryInfo _drop = Directory.CreateTempSubdirectory("bodycam-stall-");

    [Fact]
    public async Task Supervisor_ScanBlocksPastStallSeconds_ScanStalledFaultThenRestartBringsSensorOnline()
    {
        var site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "z1" }],
            Sensors = [new SensorOptions { Id = "bodycam-1", Family = SensorFamily.Bodycam, Zone = "z1", ReportingSeconds = 0, StallSeconds = 5 }],
        });
        var sink = new BlockingSink();
        var health = new SensorHealthRegistry(site, sink, TimeProvider.System);
        using var pseudonymiser = new Pseudonymiser(new byte[32], 1);
        var context = new Sensors.AdapterContext(site, sink, health, TimeProvider.System, NullLoggerFactory.Instance, pseudonymiser);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Sensors:0:DropFolder"] = _drop.FullName,
            ["Site:Sensors:0:StableMs"] = "50",
            ["Site:Sensors:0:RescanSeconds"] = "1",
            ["Site:Sensors:0:StallSeconds"] = "5",
        }).Build();
        var adapter = (BodycamAdapter)Assert.Single(new BodycamAdapterFactory().Create([(config.GetSection("Site:Sensors:0"), site.Sensors[0])], context));
        var supervisor = new AdapterSupervisor(adapter, health, TimeProvider.System, NullLogger.Instance, TimeSpan.FromMilliseconds(10));
        using var stopping = new CancellationTokenSource();
        var run = supervisor.RunAsync(stopping.Token);
        try
        {
            await WaitForAsync(() => adapter.Scans > 0 && health.Snapshot()[0].Status == SensorStatus.Online);

            await File.WriteAllTextAsync(Path.Combine(_drop.FullName, "a.json"), Sidecar()); // its publish blocks the scan
            await sink.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await WaitForAsync(() => supervisor.Stalls == 1);

            Assert.Equal((SensorStatus.Fault, "scan_stalled"), (health.Snapshot()[0].Status, health.Snapshot()[0].Reason));
            sink.Release.Set();
            await WaitForAsync(() => supervisor.Restarts == 1 && health.Snapshot()[0].Status == SensorStatus.Online);
            Assert.Equal(1, adapter.Published);
        }
        finally
        {
            sink.Release.Set();
            await stopping.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public void Dispose() => _drop.Delete(recursive: true);

    private static string Sidecar() => """
        {
          "recording_id": "REC-0001",
          "device_serial": "BC-778812",
          "wearer_id": "P123456",
          "start_utc": "2025-03-01T12:00:00Z",
          "end_utc": "2025-03-01T12:05:00Z",
          "sha256": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
          "size_bytes": 73400320,
          "trigger": "manual",
          "unit": "wing-a",
          "lat": 50.99,
          "lon": 5.86,
          "uploaded_at": "2025-03-01T12:30:00Z",
          "source_system": "dock-a"
        }
        """;

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }

    /// <summary>The first bodycam event blocks the publishing scan until released (a stuck scan, as a hung mount would be).</summary>
    private sealed class BlockingSink : IEventSink
    {
        public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ManualResetEventSlim Release { get; } = new();

        public bool PublishDrone(in EventHeader header, in DroneData drone) => true;

        public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter) => true;

        public bool PublishHealth(in EventHeader header, in HealthData health) => true;

        public bool PublishHandset(in EventHeader header, in HandsetData handset) => true;

        public bool PublishObject(in EventHeader header, object attachment)
        {
            Blocked.TrySetResult();
            Release.Wait(TimeSpan.FromSeconds(60));
            return true;
        }
    }
}
