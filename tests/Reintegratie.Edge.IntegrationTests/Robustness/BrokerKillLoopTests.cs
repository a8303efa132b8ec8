using System.Diagnostics;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// Case a: the broker is killed (SIGKILL and SIGTERM, alternating) and restarted in a loop while detections keep
/// coming. The gateway's outbox keeps every row until PUBACK, so every journaled revision still arrives.
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class BrokerKillLoopTests(ITestOutputHelper output)
{
    [Fact]
    public void BrokerKilledAndRestartedInALoop_EveryJournaledRevisionDeliveredInOrder()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        using var rig = new RobustnessRig(new RigOptions { BrokerSavesEveryChange = true });
        rig.StartGateway();
        rig.StartWriting();
        var elapsed = Stopwatch.StartNew();
        int kills = 0, terms = 0;
        for (var i = 0; SoakSettings.Continue(i, 3, elapsed); i++)
        {
            Thread.Sleep(random.Next(1500, 4000));
            var before = JournalRecord.Read(rig.JournalPath); // what the journal held before the outage
            if (i % 2 == 0)
            {
                rig.Mosquitto.Kill();
                kills++;
            }
            else
            {
                rig.Broker.Stop();
                terms++;
            }

            Thread.Sleep(random.Next(500, 4000)); // alerts are journaled and wait in the outbox
            rig.Broker.Start();
            JournalRecord.AssertKeeps(before, rig.JournalPath, $"outage {i + 1}");
        }

        Thread.Sleep(3000);
        rig.StopWriting();
        Thread.Sleep(3000); // the last incursions end after the quiet period

        var (journal, all) = rig.WaitForDelivery(TimeSpan.FromSeconds(60));
        var (lost, _, violation) = rig.Report("broker-kill-loop", journal, output.WriteLine,
            $"broker restarts {kills + terms} (SIGKILL {kills}, SIGTERM {terms}); seed {seed}");
        Assert.False(rig.GatewayProcess.HasExited, "the gateway exited");
        Assert.Null(rig.InventedTracks());
        Assert.True(journal.Count > 0, "no alert was journaled: the rig produced nothing to check");
        Assert.True(all, $"{lost} journaled alert revisions never reached the subscriber");
        Assert.Equal(0, lost);
        Assert.Null(violation);
    }
}
