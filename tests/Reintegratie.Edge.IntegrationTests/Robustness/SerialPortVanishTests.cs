using System.Diagnostics;
using System.Globalization;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// Case c: rf-1's serial port vanishes (the pty pair is closed and its symlink removed, as when a USB adapter is
/// pulled) and comes back under the same name, in a loop, while the gateway runs. Each time: a sensor_offline alert
/// for rf-1, the adapter reconnects by itself, the offline alert ends and new detections raise alerts again.
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class SerialPortVanishTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public void PortPulledAndPluggedBackInALoop_OfflineAlertReconnectAndAlertsAgain()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        using var rig = new RobustnessRig(new RigOptions { ReportingSeconds = 5 });
        rig.StartGateway();
        rig.StartWriting();
        var elapsed = Stopwatch.StartNew();
        var cycles = 0;
        var reconnect = new List<double>();
        for (var i = 0; SoakSettings.Continue(i, 2, elapsed); i++)
        {
            Thread.Sleep(random.Next(2000, 4000));
            var offlineBefore = OfflineAlerts(rig, "new");
            var endedBefore = OfflineAlerts(rig, "end");
            var before = JournalRecord.Read(rig.JournalPath);
            rig.UnplugRf();
            Assert.True(RigObservations.Until(() => OfflineAlerts(rig, "new") > offlineBefore, s_wait), $"cycle {i}: no sensor_offline alert for rf-1 after the port vanished");
            Thread.Sleep(random.Next(500, 3000));

            var plugged = Stopwatch.GetTimestamp();
            var lastTrack = LastTrack(rig);
            rig.ReplugRf();
            Assert.True(RigObservations.Until(() => OfflineAlerts(rig, "end") > endedBefore, s_wait), $"cycle {i}: the sensor_offline alert did not end after the port came back");
            Assert.True(RigObservations.Until(() => LastTrack(rig) > lastTrack, s_wait), $"cycle {i}: no new drone alert after the port came back");
            reconnect.Add(Stopwatch.GetElapsedTime(plugged).TotalMilliseconds);
            JournalRecord.AssertKeeps(before, rig.JournalPath, $"cycle {i}, port back");
            cycles++;
        }

        Thread.Sleep(2000);
        rig.StopWriting();
        Thread.Sleep(3000);

        var (journal, all) = rig.WaitForDelivery(TimeSpan.FromSeconds(60));
        var (lost, _, violation) = rig.Report("serial-vanish-loop", journal, output.WriteLine, string.Create(CultureInfo.InvariantCulture,
            $"port pulled {cycles} times, sensor_offline new {OfflineAlerts(rig, "new")} / end {OfflineAlerts(rig, "end")}, replug to first new alert max {reconnect.DefaultIfEmpty(0).Max():0} ms; seed {seed}"));
        Assert.False(rig.GatewayProcess.HasExited, "the gateway exited");
        Assert.Null(rig.InventedTracks());
        Assert.True(all, $"{lost} journaled alert revisions never reached the subscriber");
        Assert.Equal(0, lost);
        Assert.Null(violation);
    }

    private static int OfflineAlerts(RobustnessRig rig, string type) =>
        rig.Subscriber.Messages.Where(m => m.Kind == "sensor_offline" && m.Type == type && m.Sensors.Contains("rf-1")).Select(m => m.Id).Distinct().Count();

    private static int LastTrack(RobustnessRig rig) =>
        rig.Subscriber.Messages.Where(m => m.Kind == "drone_incursion" && m.Type == "new").Select(m => RigObservations.TrackNumber(m.Track)).DefaultIfEmpty(-1).Max();
}
