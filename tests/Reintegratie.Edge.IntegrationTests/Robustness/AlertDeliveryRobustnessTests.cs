using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// Outages against the real gateway process: what the journal held before the fault is still there and verifies after
/// it, and whatever the journal holds reaches a persistent QoS 1 subscriber, in order per alert. Duplicates are allowed (QoS 1) and printed; consumers drop them by alert id + revision.
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class AlertDeliveryRobustnessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(40);

    [Fact]
    public void BrokerStoppedAndRestarted_EveryJournaledRevisionDeliveredInOrder()
    {
        using var rig = new RobustnessRig();
        rig.StartGateway();
        rig.StartWriting();
        Thread.Sleep(4000);

        var before = JournalRecord.Read(rig.JournalPath);
        rig.Broker.Stop();
        Thread.Sleep(4000); // detections keep coming; alerts are journaled and wait in the outbox
        rig.Broker.Start();
        Thread.Sleep(4000);
        JournalRecord.AssertKeeps(before, rig.JournalPath, "after the broker outage");
        rig.StopWriting();
        Thread.Sleep(3000); // the last incursions end after the quiet period

        var (journal, all) = rig.WaitForDelivery(s_delivery);
        var (lost, _, violation) = rig.Report("broker outage", journal, output.WriteLine);
        Assert.True(journal.Count > 0, "no alert was journaled: the rig produced nothing to check");
        Assert.True(all, $"{lost} journaled alert revisions never reached the subscriber");
        Assert.Equal(0, lost);
        Assert.Null(violation);
    }

    [Fact]
    public void GatewayKilledAndRestarted_NothingJournaledLostAndLastWillSeen()
    {
        using var rig = new RobustnessRig();
        rig.StartGateway();
        rig.StartWriting();
        Thread.Sleep(4000);

        var before = JournalRecord.Read(rig.JournalPath);
        rig.GatewayProcess.Signal(9); // SIGKILL: no clean shutdown, no goodbye on …/status
        Assert.True(rig.GatewayProcess.WaitForExit(TimeSpan.FromSeconds(10)));
        JournalRecord.AssertKeeps(before, rig.JournalPath, "after the SIGKILL");
        var offline = SpinWait.SpinUntil(() => rig.Subscriber.Statuses.Contains("offline"), TimeSpan.FromSeconds(20));
        rig.StartGateway(); // same state directory, same journal
        Thread.Sleep(4000);
        rig.StopWriting();
        Thread.Sleep(3000);

        var (journal, all) = rig.WaitForDelivery(s_delivery);
        var (lost, _, violation) = rig.Report("gateway SIGKILL", journal, output.WriteLine);
        Assert.Null(rig.InventedTracks());
        var statuses = rig.Subscriber.Statuses.ToList();
        output.WriteLine("status sequence: " + string.Join(" -> ", statuses));
        Assert.True(offline, "the retained Last Will 'offline' never reached the subscriber");
        Assert.True(statuses.LastIndexOf("offline") < statuses.LastIndexOf("online"), "the gateway did not come back online after the Last Will");
        Assert.True(journal.Count > 0, "no alert was journaled: the rig produced nothing to check");
        Assert.True(all, $"{lost} journaled alert revisions never reached the subscriber");
        Assert.Equal(0, lost);
        Assert.Null(violation);
    }
}
