using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Verification;
using Xunit.Abstractions;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// The journal's group commit against the real gateway: SIGKILL in the middle of a 1,000 frames/s flood, twice, with
/// signed commands arriving all the while. Every event id, alert revision and head a subscriber received before the
/// kill is in the journal afterwards, and the chain verifies; after a last restart every command the broker accepted
/// is in the journal (journaled before a kill, or redelivered because its PUBACK had not gone out). (A SIGKILL keeps the page cache, so this catches anything published before its commit; that nothing is
/// published before its fsync is shown by GroupCommitTests with the sync held and failing.)
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class DurableBeforePublishTests(ITestOutputHelper output)
{
    [Fact]
    public void GatewayKilledMidFlood_EverythingPublishedIsInTheJournalAndTheChainVerifies()
    {
        using var rig = new RobustnessRig(new RigOptions { EventsFeed = true, JournalHeadIntervalSeconds = 1 });
        using var feed = new FeedRecorder(rig.Broker.Port, rig.Root);
        var commands = new List<string>();
        for (var round = 1; round <= 2; round++)
        {
            var before = feed.Events.Count;
            rig.StartGateway();
            rig.StartFlood(1000);
            using var sending = new CancellationTokenSource();
            var sender = Task.Run(async () =>
            {
                for (var i = 0; !sending.IsCancellationRequested; i++)
                {
                    var id = $"r{round}-c{i}";
                    await feed.SendAsync(rig.Root + "/cmd/resync", rig.Signed("resync", new() { ["correlation_id"] = id }));
                    lock (commands)
                    {
                        commands.Add(id); // the broker took it (PUBACK to us): it must end in the journal
                    }

                    await Task.Delay(400, CancellationToken.None);
                }
            });
            var flowing = SpinWait.SpinUntil(() => feed.Events.Count >= before + 2000 && !feed.Heads.IsEmpty && Count(commands) >= 3 * round, TimeSpan.FromSeconds(90));
            Assert.True(flowing, $"round {round}: the feed did not flow ({feed.Events.Count - before} events, {Count(commands)} commands)");

            rig.KillGateway(); // mid-flood: frames in the ring, a batch mid-commit, a sync under way
            sending.Cancel();
            sender.Wait(TimeSpan.FromSeconds(10));
            rig.StopWriting();
            Thread.Sleep(1000); // what the broker already holds reaches the recorder

            var (events, alerts, heads) = ReadJournal(rig.JournalPath);
            var missingEvents = feed.Events.Distinct().Count(id => !events.Contains(id));
            var missingAlerts = feed.Alerts.Distinct().Count(a => !alerts.Contains(a));
            var badHeads = feed.Heads.Distinct().Count(h => !heads.TryGetValue(h.Seq, out var hash) || hash != h.Hash);
            using var c = Open(rig.JournalPath);
            var verified = JournalVerifier.Verify(c);
            output.WriteLine($"round {round}: published {feed.Events.Count} events, {feed.Alerts.Distinct().Count()} alert revisions, {feed.Heads.Count} heads; journal {events.Count} events, {alerts.Count} revisions, {heads.Count} rows; missing {missingEvents} events, {missingAlerts} revisions, {badHeads} heads; verify {(verified.Intact ? "intact" : verified.Reason)}");

            Assert.Equal(0, missingEvents);
            Assert.Equal(0, missingAlerts);
            Assert.Equal(0, badHeads);
            Assert.True(verified.Intact, $"chain broken at seq {verified.FirstBadSeq}: {verified.Reason}");
        }

        rig.StartGateway(); // the broker redelivers the commands whose PUBACK never went out
        var journaled = new HashSet<string>();
        var all = SpinWait.SpinUntil(() =>
        {
            journaled = JournaledCorrelationIds(rig.JournalPath);
            return commands.TrueForAll(journaled.Contains) || !Sleep(250);
        }, TimeSpan.FromSeconds(30));
        var missing = commands.Where(c => !journaled.Contains(c)).ToList();
        output.WriteLine($"commands: {commands.Count} accepted by the broker, {missing.Count} not in the journal {string.Join(' ', missing)}");
        Assert.True(commands.Count >= 6, "too few commands were sent to show anything");
        Assert.True(all, $"{missing.Count} commands the broker accepted are not in the journal: {string.Join(' ', missing)}");
    }

    private static int Count(List<string> commands)
    {
        lock (commands)
        {
            return commands.Count;
        }
    }

    private static bool Sleep(int ms)
    {
        Thread.Sleep(ms);
        return true;
    }

    private static HashSet<string> JournaledCorrelationIds(string path)
    {
        using var c = Open(path);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT json_extract(payload, '$.correlation_id') FROM journal WHERE type = 'command' AND payload IS NOT NULL;";
        using var r = cmd.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read())
        {
            if (!r.IsDBNull(0))
            {
                ids.Add(r.GetString(0));
            }
        }

        return ids;
    }

    private static (HashSet<long> Events, HashSet<(string, int)> Alerts, Dictionary<long, string> Heads) ReadJournal(string path)
    {
        using var c = Open(path);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT seq, type, event_id, alert_id, revision, hash FROM journal ORDER BY seq;";
        using var r = cmd.ExecuteReader();
        var (events, alerts, heads) = (new HashSet<long>(), new HashSet<(string, int)>(), new Dictionary<long, string>());
        while (r.Read())
        {
            heads[r.GetInt64(0)] = Convert.ToHexStringLower((byte[])r.GetValue(5));
            if (r.GetString(1) == "event" && !r.IsDBNull(2))
            {
                events.Add(r.GetInt64(2));
            }
            else if (r.GetString(1) == "alert")
            {
                alerts.Add((r.GetString(3), r.GetInt32(4)));
            }
        }

        return (events, alerts, heads);
    }

    private static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        return c;
    }
}
