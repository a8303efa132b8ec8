using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.IntegrationTests.Infrastructure;

namespace Reintegratie.Edge.IntegrationTests.Gateway;

/// <summary>The real gateway, the default scenario's simulated sensors over real transports, a real mosquitto.</summary>
public sealed class DefaultScenarioTests(DefaultScenarioRun run) : IClassFixture<DefaultScenarioRun>
{
    // The raw personal identifiers the default scenario sends (GSM umbrella lines and bodycam sidecars).
    private static readonly string[] s_rawIdentifiers =
    [
        "204081234567890", "204161122334455", // IMSI, MCC 204
        "356938035643809", "490154203237518", // IMEI, valid Luhn check digit
        "P104233", "P104871", "P100017",      // bodycam wearer staff numbers
    ];

    [Fact]
    public void PerimeterBreach_ReachesSubscriber_NewThenEscalatedUpdate()
    {
        var breach = run.Lifecycle.Where(m => m.GetProperty("after").GetProperty("kind").GetString() == "perimeter_breach").ToList();

        Assert.True(breach.Count >= 2, $"lifecycle messages: {string.Join('\n', run.Lifecycle)}");
        Assert.Equal("new", breach[0].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, breach[0].GetProperty("before").ValueKind);
        Assert.Equal("update", breach[1].GetProperty("type").GetString());
        Assert.Equal("critical", breach[1].GetProperty("after").GetProperty("severity").GetString());
        Assert.Equal(2, breach[1].GetProperty("after").GetProperty("zones").GetArrayLength());
    }

    [Fact]
    public void DroneDrop_ComesWithIncursionAndContrabandPhone()
    {
        var kinds = run.Lifecycle.Select(m => m.GetProperty("after").GetProperty("kind").GetString()).ToHashSet();

        Assert.Contains("drone_incursion", kinds);
        Assert.Contains("drone_drop_suspected", kinds);
        Assert.Contains("contraband_phone_suspected", kinds);
        var incursion = run.Lifecycle.First(m => m.GetProperty("after").GetProperty("kind").GetString() == "drone_incursion");
        var drone = incursion.GetProperty("after").GetProperty("drone");
        Assert.Equal(JsonValueKind.Number, drone.GetProperty("operator_lat").ValueKind); // the pilot's position from Remote ID
    }

    [Fact]
    public void PrintAlerts_StdoutIsExactlyTheLifecyclePayloads()
    {
        var received = run.Lifecycle.Select(m => m.GetRawText()).ToList();
        var printed = run.GatewayStdout.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.GetRawText()).ToList();

        Assert.NotEmpty(printed);
        Assert.All(printed, p => Assert.Contains(p, received));
    }

    private List<(string Id, long Revision)> JournaledRevisions()
    {
        using var db = new SqliteConnection($"Data Source={run.Journal};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT alert_id, revision FROM journal WHERE type = 'alert' ORDER BY seq";
        using var r = cmd.ExecuteReader();
        var rows = new List<(string, long)>();
        while (r.Read())
        {
            rows.Add((r.GetString(0), r.GetInt64(1)));
        }

        return rows;
    }

    [Fact]
    public void EveryJournaledAlertRevision_WasDeliveredOrWaitsInTheOutbox()
    {
        var journaled = new List<(string Id, long Revision)>();
        var pending = new HashSet<(string, long)>();
        using (var db = new SqliteConnection($"Data Source={Path.Combine(run.StateDir, "journal.db")};Mode=ReadOnly"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT alert_id, revision FROM journal WHERE type = 'alert' ORDER BY seq";
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    journaled.Add((r.GetString(0), r.GetInt64(1)));
                }
            }

            // Revisions committed while the gateway stopped stay in the outbox for the next start: not lost.
            cmd.CommandText = "SELECT alert_id, revision FROM outbox WHERE topic = 'alerts'";
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    pending.Add((r.GetString(0), r.GetInt64(1)));
                }
            }
        }

        var delivered = run.Lifecycle
            .Select(m => (m.GetProperty("after").GetProperty("id").GetString()!, m.GetProperty("after").GetProperty("revision").GetInt64()))
            .ToHashSet();
        var missing = journaled.Where(j => !delivered.Contains(j) && !pending.Contains(j)).ToList();
        Assert.NotEmpty(journaled);
        Assert.True(missing.Count == 0, $"{missing.Count} of {journaled.Count} journaled revisions neither delivered nor in the outbox");
        Assert.True(delivered.Count >= journaled.Count - pending.Count);
    }

    [Fact]
    public void BrokerOutage_EveryJournaledRevisionReachesTheConsoleAfterIt_InOrderPerAlert()
    {
        var journaled = JournaledRevisions();
        var received = run.Lifecycle.Select(m => (Id: m.GetProperty("after").GetProperty("id").GetString()!, Revision: m.GetProperty("after").GetProperty("revision").GetInt64())).ToList();
        var firstArrival = received.Distinct().ToList(); // QoS 1: a redelivery after the outage is a duplicate, dropped by id + revision

        Assert.Contains(run.GatewayStderr, l => l.Contains("Simulated broker outage: the embedded broker stops for 14 s", StringComparison.Ordinal));
        var missing = journaled.Except(firstArrival).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {journaled.Count} journaled revisions never reached the console: {string.Join(", ", missing)}");
        foreach (var alert in firstArrival.GroupBy(r => r.Id))
        {
            var revisions = alert.Select(r => r.Revision).ToList();
            Assert.True(revisions.SequenceEqual(revisions.Order()), $"alert {alert.Key} arrived out of order: {string.Join(",", revisions)}");
        }

        // The outage itself raised an alert: journaled while the broker was away, delivered after it came back.
        var path = run.Lifecycle.Where(m => m.GetProperty("after").GetProperty("kind").GetString() == "broker_path_lost").ToList();
        Assert.Contains(path, m => m.GetProperty("type").GetString() == "new");
        Assert.Contains(path, m => m.GetProperty("type").GetString() == "end");
    }

    [Fact]
    public void BrokerOutage_JournalKeepsEveryRowItHeldBefore_AndVerifies()
    {
        var after = JournalRecord.AssertKeeps(run.BeforeOutage, run.Journal, "after the broker outage and the stop");

        Assert.True(run.BeforeOutage.Rows.Count > 50 && after.Rows.Count > run.BeforeOutage.Rows.Count, $"{run.BeforeOutage.Rows.Count} rows before the outage, {after.Rows.Count} after");
    }

    [Fact]
    public void DurabilityCheck_ARowLostFromTheJournal_IsCaughtByTheRecordAndByVerify()
    {
        // The comparison every kill, outage and disk-full test makes must fail when the journal itself loses a row.
        var copy = Path.Combine(run.StateDir, "lost-row.db");
        using (var source = new SqliteConnection($"Data Source={run.Journal};Mode=ReadOnly;Pooling=False"))
        using (var target = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }

        var before = JournalRecord.Read(copy);
        var victim = before.Rows.First(r => r.Type == "alert" && r.Kind == "drone_drop_suspected");
        using (var db = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"DELETE FROM journal WHERE seq = {victim.Seq};";
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }

        var lost = before.LostIn(JournalRecord.Read(copy));
        var (code, output) = JournalRecord.Verify(copy);

        Assert.StartsWith($"seq {victim.Seq} (alert drone_drop_suspected {victim.AlertId} r{victim.Revision}) was journaled before the fault and is gone", lost, StringComparison.Ordinal);
        Assert.True(code == 1, output);
        Assert.Contains("BROKEN at seq", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_OfTheRunsRealJournal_Identical()
    {
        var (code, stdout, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["replay", "--db", run.Journal], TimeSpan.FromSeconds(120));

        Assert.True(code == 0, stdout + stderr);
        Assert.StartsWith("identical (", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot replay", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_WingNoLongerAWing_WhatIfLosesTheContrabandPhoneAlert()
    {
        var site = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(run.StateDir, "site.json")))!;
        foreach (var zone in site["Site"]!["Zones"]!.AsArray())
        {
            if ((string?)zone!["Kind"] == "wing")
            {
                zone["Kind"] = "building";
            }
        }

        var whatIf = Path.Combine(run.StateDir, "what-if.json");
        File.WriteAllText(whatIf, site.ToJsonString());

        var (code, stdout, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["replay", "--db", run.Journal, "--config", whatIf, "--format", "csv"], TimeSpan.FromSeconds(120));

        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("\nonly_journal,contraband_phone_suspected,wing-b,", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Journal_VerifiesIntact_WithEdgectl()
    {
        var (code, stdout, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["log", "verify", "--db", Path.Combine(run.StateDir, "journal.db")], TimeSpan.FromSeconds(60));

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("intact", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sigterm_StopsCleanly_AfterABirthAgainOnceTheBrokerWasBack()
    {
        // The broker is the gateway's own, so it stops with it: the retained offline of a stop is covered against
        // mosquitto by the robustness tests. Here: a clean exit, and "online" again after the outage.
        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Subscriber.Statuses.Count(s => s == "online") >= 2, string.Join(",", run.Subscriber.Statuses));
    }

    [Fact]
    public void RawIdentifiers_AppearNowhere_JournalMqttOrLogs()
    {
        var places = new Dictionary<string, byte[]>();
        foreach (var file in Directory.GetFiles(run.StateDir, "journal.db*"))
        {
            places[file] = File.ReadAllBytes(file);
        }

        places["mqtt"] = run.Subscriber.All.SelectMany(m => Encoding.UTF8.GetBytes(m.Topic).Concat(m.Payload)).ToArray();
        places["stdout"] = Encoding.UTF8.GetBytes(string.Join('\n', run.GatewayStdout));
        places["stderr (logs)"] = Encoding.UTF8.GetBytes(string.Join('\n', run.GatewayStderr));

        Assert.True(places["mqtt"].Length > 0 && places["stderr (logs)"].Length > 0);
        foreach (var id in s_rawIdentifiers)
        {
            var forms = new[] { Encoding.UTF8.GetBytes(id), Encoding.UTF8.GetBytes(Convert.ToHexString(Encoding.ASCII.GetBytes(id))), Encoding.UTF8.GetBytes(Convert.ToHexStringLower(Encoding.ASCII.GetBytes(id))) };
            foreach (var (place, bytes) in places)
            {
                foreach (var form in forms)
                {
                    Assert.False(bytes.AsSpan().IndexOf(form) >= 0, $"raw identifier {id} found in {place}");
                }
            }
        }

        // The handsets did reach the journal, pseudonymised.
        Assert.Contains("\"imsi\":\"k1:", Encoding.UTF8.GetString(places.First(p => p.Key.EndsWith("journal.db", StringComparison.Ordinal)).Value) + string.Join("", places.Where(p => p.Key.Contains("-wal", StringComparison.Ordinal)).Select(p => Encoding.UTF8.GetString(p.Value))), StringComparison.Ordinal);
    }
}
