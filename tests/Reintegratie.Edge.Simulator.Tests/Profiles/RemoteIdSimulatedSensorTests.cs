using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Simulator.Profiles;

namespace Reintegratie.Edge.Simulator.Tests.Profiles;

public sealed class RemoteIdSimulatedSensorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ridsim-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Fly_ReadByTheRealAdapter_GivesTrackWithPositionsAlongThePathAndOperator()
    {
        await using var sim = new RemoteIdSimulatorFactory().Create(SimulatorTestSupport.SensorSection("rid-1", SensorFamily.RemoteId), SimulatorTestSupport.Context(_dir));
        var overrides = await sim.PrepareAsync(CancellationToken.None);
        var (site, sink, ctx) = SimulatorTestSupport.Gateway("rid-1", SensorFamily.RemoteId);
        var adapter = RemoteIdAdapter.ForPort(site.Sensors[0], new RemoteIdOptions { Port = overrides["Port"]! }, ctx);
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        await SimulatorTestSupport.WaitUntil(() => adapter.Reader.Connects > 0, "adapter connected");

        await sim.ExecuteAsync(SimulatorTestSupport.Step("rid-1", "fly", """
            {"uasId": "SIM1581F5FK0001", "from": {"lat": 51.660, "lon": 5.280}, "to": {"lat": 51.670, "lon": 5.300},
             "operator": {"lat": 51.650, "lon": 5.270}, "seconds": 2, "rateHz": 5, "altitudeM": 80, "transport": "BT5"}
            """), CancellationToken.None);
        await SimulatorTestSupport.WaitUntil(() => sink.Drones.Length >= 11, "eleven locations");

        var drones = sink.Drones;
        Assert.All(drones, d => Assert.Equal("SIM1581F5FK0001", d.UasId.ToString()));
        Assert.All(drones, d => Assert.True(d.HasOperator));
        Assert.Equal(51.660, drones[0].Latitude, 6);
        Assert.Equal(51.670, drones[^1].Latitude, 6);
        Assert.Equal(80f, drones[0].AltitudeM);
        Assert.Equal(0, adapter.Malformed);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task UnplugReplug_LinkPathDisappearsAndReturns()
    {
        await using var sim = new RemoteIdSimulatorFactory().Create(SimulatorTestSupport.SensorSection("rid-2", SensorFamily.RemoteId), SimulatorTestSupport.Context(_dir));
        var port = (await sim.PrepareAsync(CancellationToken.None))["Port"]!;
        Assert.True(File.Exists(port));

        await sim.ExecuteAsync(SimulatorTestSupport.Step("rid-2", "unplug"), CancellationToken.None);
        Assert.False(File.Exists(port));

        await sim.ExecuteAsync(SimulatorTestSupport.Step("rid-2", "replug"), CancellationToken.None);
        Assert.True(File.Exists(port));
    }

    [Fact]
    public async Task Execute_BadArgs_ThrowsNamingTheArgument()
    {
        await using var sim = new RemoteIdSimulatorFactory().Create(SimulatorTestSupport.SensorSection("rid-3", SensorFamily.RemoteId), SimulatorTestSupport.Context(_dir));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => sim.ExecuteAsync(SimulatorTestSupport.Step("rid-3", "fly", """{"uasId": "X"}"""), CancellationToken.None));

        Assert.Contains("from", ex.Message, StringComparison.Ordinal);
    }
}
