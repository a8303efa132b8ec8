using System.Diagnostics;
using System.Globalization;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Journal.Tests.Writing;
using Xunit.Abstractions;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// Case e: the journal lives on an 8 MiB tmpfs that a filler file fills up while detections keep coming. Expected:
/// no crash; the journal releases its reserve and the gateway raises sensor_fault on "gateway" (journal_disk_full),
/// journaled and published through the outbox; alert revisions keep being journaled (into the reserve) and delivered;
/// drone-detection event rows are not journaled meanwhile (counted); when the filler is deleted the journal re-creates
/// its reserve, the fault alert ends (journal_recovered) and everything is journaled again. Nothing journaled before
/// the fault is lost.
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class JournalDiskFullTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public void JournalDiskFillsAndEmpties_TechnicalAlertNoCrashRecoveryNothingLost()
    {
        using var fs = SmallFilesystem.TryMount(8 * 1024, out var reason);
        if (fs is null)
        {
            // Only a root-less machine gets here; a file-size limit (prlimit) would kill the gateway with SIGXFSZ instead.
            // A case that cannot run fails: it must never pass (or let the soak report "nothing lost") by not running.
            output.WriteLine("journal-disk-full: FAILED, cannot run: " + reason);
            SoakSettings.Append("journal-disk-full: CANNOT RUN, " + reason); // the soak reports it; the Assert.Fail below fails the test and the soak
            Assert.Fail($"journal-disk-full cannot run: the 8 MiB tmpfs could not be mounted ({reason}); run as root (make test, make soak)");
        }

        // A 1 MiB reserve: recovery needs twice the reserve free, and an 8 MiB filesystem must leave room for that.
        using var rig = new RobustnessRig(new RigOptions { JournalDirectory = fs.Directory, ReserveBytes = 1L << 20 });
        rig.StartGateway();
        rig.StartWriting();
        var elapsed = Stopwatch.StartNew();
        var cycles = 0;
        var faultMs = new List<double>();
        var recoverMs = new List<double>();
        for (var i = 0; SoakSettings.Continue(i, 1, elapsed); i++)
        {
            Thread.Sleep(4000);
            var before = rig.JournalRevisions();
            var held = JournalRecord.Read(rig.JournalPath); // every row, with its hash, before the disk fills
            var faultsBefore = Faults(rig, "new");
            var filled = Stopwatch.GetTimestamp();
            var bytes = fs.Fill();
            Assert.True(RigObservations.Until(() => Faults(rig, "new") > faultsBefore, s_wait),
                $"cycle {i}: no sensor_fault journal_disk_full alert after filling the disk ({bytes} filler bytes)\n" + string.Join('\n', rig.GatewayProcess.Stderr.TakeLast(20)));
            faultMs.Add(Stopwatch.GetElapsedTime(filled).TotalMilliseconds);
            var trackInFault = LastTrack(rig);
            Assert.True(RigObservations.Until(() => LastTrack(rig) > trackInFault, s_wait), $"cycle {i}: no new drone alert while the disk was full");
            Thread.Sleep(3000);

            var endsBefore = Faults(rig, "end");
            var freed = Stopwatch.GetTimestamp();
            fs.Free();
            Assert.True(RigObservations.Until(() => Faults(rig, "end") > endsBefore, s_wait), $"cycle {i}: the journal fault alert did not end after space returned");
            recoverMs.Add(Stopwatch.GetElapsedTime(freed).TotalMilliseconds);
            var trackAfter = LastTrack(rig);
            Assert.True(RigObservations.Until(() => LastTrack(rig) > trackAfter, s_wait), $"cycle {i}: no new drone alert after space returned");
            var after = rig.JournalRevisions().ToHashSet();
            Assert.All(before, r => Assert.Contains(r, after)); // nothing journaled before the fault is lost
            JournalRecord.AssertKeeps(held, rig.JournalPath, $"disk full {i + 1}"); // not even an event row, and the chain verifies
            cycles++;
        }

        Thread.Sleep(2000);
        rig.StopWriting();
        Thread.Sleep(3000);

        var (journal, all) = rig.WaitForDelivery(TimeSpan.FromSeconds(60));
        var frames = rig.JournaledEvents("rf-1");
        var (lost, _, violation) = rig.Report("journal-disk-full", journal, output.WriteLine, string.Create(CultureInfo.InvariantCulture,
            $"disk filled {cycles} times (tmpfs 8 MiB, reserve 1 MiB), fault alert after max {faultMs.DefaultIfEmpty(0).Max():0} ms, recovered after max {recoverMs.DefaultIfEmpty(0).Max():0} ms; ") + string.Create(CultureInfo.InvariantCulture,
            $"detection frames journaled {frames} of {rig.Injected} (not journaled while full: {rig.Injected - frames}, by design); gateway exits 0"));
        Assert.Null(rig.InventedTracks());
        Assert.False(rig.GatewayProcess.HasExited, "the gateway exited:\n" + string.Join('\n', rig.GatewayProcess.Stderr.TakeLast(30)));
        Assert.True(all, $"{lost} journaled alert revisions never reached the subscriber");
        Assert.Equal(0, lost);
        Assert.Null(violation);
    }

    /// <summary>Distinct journal_disk_full alerts that had a message of <paramref name="type"/>.</summary>
    private static int Faults(RobustnessRig rig, string type)
    {
        var messages = rig.Subscriber.Messages.Where(m => m.Kind == "sensor_fault").ToList();
        var ids = messages.Where(m => m.Detail == "journal_disk_full").Select(m => m.Id).ToHashSet();
        return messages.Where(m => m.Type == type && ids.Contains(m.Id)).Select(m => m.Id).Distinct().Count();
    }

    private static int LastTrack(RobustnessRig rig) =>
        rig.Subscriber.Messages.Where(m => m.Kind == "drone_incursion" && m.Type == "new").Select(m => RigObservations.TrackNumber(m.Track)).DefaultIfEmpty(-1).Max();
}
