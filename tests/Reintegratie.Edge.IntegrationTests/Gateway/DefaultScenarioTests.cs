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

    [Fact]
    public void EveryJournaledAlertRevision_WasDelivered()
    {
        var journaled = new List<(string Id, long Revision)>();
        using (var db = new SqliteConnection($"Data Source={Path.Combine(run.StateDir, "journal.db")};Mode=ReadOnly"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT alert_id, revision FROM journal WHERE type = 'alert' ORDER BY seq";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                journaled.Add((r.GetString(0), r.GetInt64(1)));
            }
        }

        var delivered = run.Lifecycle
            .Select(m => (m.GetProperty("after").GetProperty("id").GetString()!, m.GetProperty("after").GetProperty("revision").GetInt64()))
            .ToHashSet();
        Assert.NotEmpty(journaled);
        Assert.Empty(journaled.Where(j => !delivered.Contains(j)));
    }

    [Fact]
    public void Journal_VerifiesIntact_WithEdgectl()
    {
        var (code, stdout, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["log", "verify", "--db", Path.Combine(run.StateDir, "journal.db")], TimeSpan.FromSeconds(60));

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("intact", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sigterm_StopsCleanly_AndStatusGoesOfflineRetained()
    {
        Assert.Equal(0, run.ExitCode);
        var last = run.Subscriber.On($"{DefaultScenarioRun.Root}/status").Last();
        Assert.Contains("offline", last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RawIdentifiers_AppearNowhere_JournalMqttOrLogs()
    {
        var places = new Dictionary<string, byte[]>();
        foreach (var file in Directory.GetFiles(run.StateDir, "journal.db*"))
        {
            places[file] = File.ReadAllBytes(file);
        }

        places["mqtt"] = run.Subscriber.Messages.SelectMany(m => Encoding.UTF8.GetBytes(m.Topic).Concat(m.Payload)).ToArray();
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
