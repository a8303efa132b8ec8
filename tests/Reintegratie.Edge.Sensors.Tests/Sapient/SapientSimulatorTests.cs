using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Simulator;
using Reintegratie.Edge.Simulator.Profiles;
using Task = System.Threading.Tasks.Task;

namespace Reintegratie.Edge.Sensors.Tests.Sapient;

public sealed class SapientSimulatorTests
{
    [Fact]
    public async Task SimulatedNode_TrackHostileDisconnect_GatewaySeesAll()
    {
        var site = new SapientTestSite();
        using var cts = new CancellationTokenSource();
        var listener = (SapientListener)new SapientAdapterFactory().Create([(site.Section(), site.Site.Sensors[0])], site.Context)[0];
        var run = listener.RunAsync(cts.Token);
        var port = (await listener.Bound.WaitAsync(TimeSpan.FromSeconds(30))).Port;
        var context = new SimulationContext(Path.GetTempPath(), TimeProvider.System, NullLoggerFactory.Instance, new Dictionary<string, object>());
        await using var node = new SapientSimulatorFactory().Create(site.Section($"127.0.0.1:{port}"), context);

        await node.StartAsync(CancellationToken.None);
        await node.ExecuteAsync(Step("track", """{"from":{"lat":52.0,"lon":5.0},"to":{"lat":52.005,"lon":5.005},"seconds":1,"rateHz":10,"classification":"UAV Rotary Wing"}"""), CancellationToken.None);
        await WaitUntil(() => site.Sink.Drones.Count >= 5);
        await node.ExecuteAsync(Step("hostile", "{}"), CancellationToken.None);
        await WaitUntil(() => listener.MalformedCount >= 1);
        await node.ExecuteAsync(Step("disconnect", "{}"), CancellationToken.None);
        await WaitUntil(() => site.Health.Snapshot()[0].Status == SensorStatus.Offline);
        await node.ExecuteAsync(Step("reconnect", "{}"), CancellationToken.None);
        await WaitUntil(() => site.Health.Snapshot()[0].Status == SensorStatus.Online);

        var drones = site.Sink.Drones;
        Assert.All(drones, d => Assert.Equal(DroneClass.UavRotaryWing, d.Drone.Classification));
        Assert.Single(drones.Select(d => d.Drone.TrackKey).Distinct());
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static ScenarioStep Step(string action, string args) =>
        new() { Sensor = "radar-1", Action = action, Args = JsonDocument.Parse(args).RootElement.Clone() };

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
