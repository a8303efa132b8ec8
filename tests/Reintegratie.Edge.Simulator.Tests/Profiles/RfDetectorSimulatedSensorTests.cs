using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RfDetector;
using Reintegratie.Edge.Simulator.Profiles;

namespace Reintegratie.Edge.Simulator.Tests.Profiles;

public sealed class RfDetectorSimulatedSensorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rfsim-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Track_ReadByTheRealAdapter_GivesSweepingBearings()
    {
        await using var sim = new RfDetectorSimulatorFactory().Create(SimulatorTestSupport.SensorSection("rf-1", SensorFamily.RfDetector), SimulatorTestSupport.Context(_dir));
        var overrides = await sim.PrepareAsync(CancellationToken.None);
        var (site, sink, ctx) = SimulatorTestSupport.Gateway("rf-1", SensorFamily.RfDetector);
        var adapter = RfDetectorAdapter.ForPort(site.Sensors[0], new RfDetectorOptions { Port = overrides["Port"]! }, ctx);
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        await SimulatorTestSupport.WaitUntil(() => adapter.Reader.Connects > 0, "adapter connected");

        await sim.ExecuteAsync(SimulatorTestSupport.Step("rf-1", "track", """
            {"trackId": "T9", "fromBearing": 350, "toBearing": 370, "seconds": 1, "rateHz": 4, "protocol": "ocusync", "rssi": -66, "freqMhz": 2437}
            """), CancellationToken.None);
        await SimulatorTestSupport.WaitUntil(() => sink.Drones.Length >= 5, "five sentences");

        var drones = sink.Drones;
        Assert.Equal(350f, drones[0].BearingDeg);
        Assert.Equal(10f, drones[^1].BearingDeg);
        Assert.All(drones, d => Assert.Equal(RfProtocol.DjiOcuSync, d.Protocol));
        Assert.All(drones, d => Assert.Equal(-66f, d.RssiDbm));
        Assert.Equal(0, adapter.Malformed);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Execute_UnknownAction_Throws()
    {
        await using var sim = new RfDetectorSimulatorFactory().Create(SimulatorTestSupport.SensorSection("rf-2", SensorFamily.RfDetector), SimulatorTestSupport.Context(_dir));

        await Assert.ThrowsAsync<ArgumentException>(() => sim.ExecuteAsync(SimulatorTestSupport.Step("rf-2", "explode"), CancellationToken.None));
    }
}
