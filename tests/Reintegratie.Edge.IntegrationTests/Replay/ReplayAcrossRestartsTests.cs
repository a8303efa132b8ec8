using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.IntegrationTests.Robustness;
using Xunit.Abstractions;

namespace Reintegratie.Edge.IntegrationTests.Replay;

/// <summary>
/// <c>edgectl replay</c> on the real gateway's journal across restarts: the gateway is SIGKILLed while alerts are active,
/// started again, stopped cleanly (SIGTERM, as systemd), started again and stopped, while drone tracks keep coming on a
/// real pty. Each start journals a start marker; the replay restarts its engine there as the gateway did and must
/// reproduce every revision. About 25 s.
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed partial class ReplayAcrossRestartsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_replayTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public void Replay_GatewayKilledMidAlertStoppedAndRestarted_IdenticalWhatIfDiffersUnmarkedSpansNamed()
    {
        using var rig = new RobustnessRig();
        rig.StartGateway();
        rig.StartWriting();
        Assert.True(SpinWait.SpinUntil(() => ActiveAlerts(rig.JournalPath) > 0, TimeSpan.FromSeconds(30)), "no alert became active before the kill");
        rig.KillGateway(); // mid-alert: fusion's in-flight state is lost, the journal's active alerts are continued
        rig.StartGateway();
        Thread.Sleep(2500);
        Stop(rig); // a clean stop
        rig.StartGateway();
        Thread.Sleep(2500);
        rig.StopWriting();
        Thread.Sleep(4000); // the tracks fall quiet (2 s) and their alerts end
        Stop(rig);

        var (code, stdout, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["replay", "--db", rig.JournalPath], s_replayTimeout);
        output.WriteLine(stdout + stderr);
        Assert.True(code == 0, stdout + stderr);
        Assert.StartsWith("identical", stdout, StringComparison.Ordinal);
        Assert.Contains(", 3 gateway restarts)", stdout, StringComparison.Ordinal);
        var restarts = RestartLine().Matches(stderr);
        Assert.Equal(3, restarts.Count);
        Assert.NotEqual("0", restarts[1].Groups["restored"].Value); // the start after the kill continued the active alerts

        // A what-if with a changed rule across the same restarts: alerts end later, so their revisions differ.
        var whatIf = Path.Combine(Path.GetDirectoryName(rig.JournalPath)!, "what-if.json");
        var site = JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(rig.JournalPath)!, "site.json")))!;
        site["Fusion"]!["DroneQuietSeconds"] = 6;
        File.WriteAllText(whatIf, site.ToJsonString());
        var (whatIfCode, table, whatIfErr) = ChildProcess.Run(RepoPaths.Edgectl, ["replay", "--db", rig.JournalPath, "--config", whatIf], s_replayTimeout);
        output.WriteLine(table + whatIfErr);
        Assert.True(whatIfCode == 1, table + whatIfErr);
        Assert.Matches(@"\n[1-9]\d* alerts differ", table);
        Assert.Equal(3, RestartLine().Count(whatIfErr));
        Assert.DoesNotContain("is a what-if", whatIfErr, StringComparison.Ordinal); // every run used the snapshot's configuration

        // The same journal as a gateway before start markers wrote it: the replay names the rows it cannot compare.
        var legacy = Path.Combine(Path.GetDirectoryName(rig.JournalPath)!, "legacy.db");
        using (var db = new SqliteConnection($"Data Source={rig.JournalPath};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"VACUUM INTO '{legacy}'";
            cmd.ExecuteNonQuery();
        }

        using (var db = new SqliteConnection($"Data Source={legacy};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "DELETE FROM journal WHERE type = 'note' AND kind = 'start'";
            Assert.Equal(3, cmd.ExecuteNonQuery());
        }

        var (_, legacyOut, legacyErr) = ChildProcess.Run(RepoPaths.Edgectl, ["replay", "--db", legacy, "--no-verify"], s_replayTimeout); // site.json is beside it
        output.WriteLine(legacyOut + legacyErr);
        Assert.Matches(@"cannot compare seq \d+\.\.\d+: a gateway restart without a start marker lies in these rows", legacyErr);
        Assert.Contains("(no start marker)", legacyErr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"gateway restart at seq \d+ \(start marker\): (?<restored>\d+) active alerts continued")]
    private static partial Regex RestartLine();

    private static void Stop(RobustnessRig rig)
    {
        rig.GatewayProcess.Signal(15);
        Assert.True(rig.GatewayProcess.WaitForExit(TimeSpan.FromSeconds(30)), "gateway did not stop on SIGTERM");
    }

    private static long ActiveAlerts(string journal)
    {
        try
        {
            using var db = new SqliteConnection($"Data Source={journal};Mode=ReadOnly;Pooling=False");
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM journal a WHERE a.type = 'alert' AND a.revision = 1 AND NOT EXISTS "
                + "(SELECT 1 FROM journal e WHERE e.type = 'alert' AND e.alert_id = a.alert_id AND e.payload LIKE '%\"ended_at\":\"%')";
            return (long)cmd.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // not created yet, or busy: ask again
        }
    }
}
