using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// Case d: rf-1 floods at 100x a detector's normal rate (10,000 detections/s instead of ~100/s) while rf-alarm (its
/// own pty, zone Z2) injects one alarm a second: a new drone track, so a new drone_incursion alert. Each alarm's
/// frame-to-MQTT latency (written on the pty -> lifecycle message at the subscriber) must stay within the budget, the
/// gateway's resident memory bounded, and nothing lost: not an alarm, not a journaled revision, not a flood frame.
/// </summary>
/// <remarks>
/// No adapter publishes <c>telemetry</c> events today, so the ring has nothing it may shed: drone detections are
/// security events and their producers wait (bounded, counted) on a full ring. The case reports those waits.
/// </remarks>
[Collection(RobustnessCollection.Name)]
public sealed class TelemetryFloodTests(ITestOutputHelper output)
{
    private const int FloodRate = 10_000;
    private const double LatencyBudgetMs = 2000;
    private const double ResidentLimitMiB = 250;

    [Fact]
    public async Task FloodWhileAlarmsInjected_AlarmLatencyWithinBudgetMemoryBoundedNothingLost()
    {
        using var rig = new RobustnessRig(new RigOptions { AlarmSensor = true });
        rig.StartGateway();
        var pid = rig.GatewayProcess.Id;
        var maxRss = 0.0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                maxRss = Math.Max(maxRss, RigObservations.ResidentMiB(pid) ?? 0);
                await Task.Delay(200, CancellationToken.None);
            }
        });

        var duration = SoakSettings.Duration(12);
        var flood = Stopwatch.StartNew();
        rig.StartFlood(FloodRate);
        var alarms = new List<(string Track, long Written)>();
        await Task.Delay(1000);
        while (flood.Elapsed < duration)
        {
            var track = string.Create(CultureInfo.InvariantCulture, $"A{alarms.Count:D5}");
            alarms.Add((track, await rig.InjectAlarmAsync(track)));
            await Task.Delay(1000);
        }

        rig.StopWriting();
        var floodSeconds = flood.Elapsed.TotalSeconds;
        var delivered = RigObservations.Until(() => alarms.TrueForAll(a => Alarm(rig, a.Track) is not null), TimeSpan.FromSeconds(60));
        var drained = RigObservations.Until(() => rig.JournaledEvents("rf-1") >= rig.Injected, TimeSpan.FromSeconds(120));
        await sampling.CancelAsync();
        await sampler;

        var latencies = alarms.Select(a => Alarm(rig, a.Track) is { } m ? RigObservations.Ms(a.Written, m.Arrived) : double.PositiveInfinity).Order().ToList();
        var alarmsDelivered = alarms.Count(a => Alarm(rig, a.Track) is not null);
        Thread.Sleep(3000); // the last incursions end after the quiet period
        var (journal, all) = rig.WaitForDelivery(TimeSpan.FromSeconds(60));
        var floodFrames = rig.JournaledEvents("rf-1");
        var (lost, _, violation) = rig.Report("flood", journal, output.WriteLine, string.Create(CultureInfo.InvariantCulture,
            $"alarms {alarms.Count}, alarms delivered {alarmsDelivered}, alarm latency p50 {RigObservations.Quantile(latencies, 0.5):0} ms p99 {RigObservations.Quantile(latencies, 0.99):0} ms max {latencies.DefaultIfEmpty(0).Max():0} ms (budget {LatencyBudgetMs:0}); ") + string.Create(CultureInfo.InvariantCulture,
            $"flood {rig.Injected / floodSeconds:0} frames/s asked {FloodRate}, flood frames journaled {floodFrames} of {rig.Injected}; max VmRSS {maxRss:0} MiB (limit {ResidentLimitMiB:0}); ring waits {RigObservations.RingWaits(rig.GatewayProcess.Stderr)}, telemetry shed 0 (no telemetry source)"));

        Assert.False(rig.GatewayProcess.HasExited, "the gateway exited");
        Assert.True(delivered, $"{alarms.Count - alarmsDelivered} of {alarms.Count} alarms never reached the subscriber");
        Assert.True(latencies[^1] < LatencyBudgetMs, $"an alarm took {latencies[^1]:0} ms (budget {LatencyBudgetMs} ms)");
        Assert.True(maxRss < ResidentLimitMiB, $"the gateway's VmRSS reached {maxRss:0} MiB (limit {ResidentLimitMiB})");
        Assert.True(drained, $"flood frames journaled {rig.JournaledEvents("rf-1")} of {rig.Injected} injected");
        Assert.True(all, $"{lost} journaled alert revisions never reached the subscriber");
        Assert.Equal(0, lost);
        Assert.Null(violation);
    }

    private static AlertMessage? Alarm(RobustnessRig rig, string track) =>
        rig.Subscriber.First(m => m.Type == "new" && m.Kind == "drone_incursion" && m.Track == track);
}
