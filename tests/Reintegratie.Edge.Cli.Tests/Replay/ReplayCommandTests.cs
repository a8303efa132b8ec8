using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Cli.Commands.Replay;
using Reintegratie.Edge.Cli.Tests.Log;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Fusion;

namespace Reintegratie.Edge.Cli.Tests.Replay;

/// <summary>
/// <c>edgectl replay</c> on a journal written the way the gateway writes it: each event through fusion, then the
/// journal stage, ticks included (fusion journals only the ticks it acted on).
/// </summary>
public sealed class ReplayCommandTests : IDisposable
{
    private readonly LogFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Replay_JournalOfDroneDropAndOffline_Identical()
    {
        var ticks = Record();

        var (code, output, error) = await LogFixture.Run("replay", "--db", _fx.Db);

        Assert.True(code == 0, output + error);
        Assert.StartsWith("identical", output, StringComparison.Ordinal);
        Assert.True(ticks.Journaled > 0 && ticks.Journaled < ticks.Fed, $"{ticks.Journaled} of {ticks.Fed} ticks journaled: idle ticks must be left out, busy ones kept");
    }

    [Fact]
    public async Task Replay_ZonesNoLongerAdjacent_WhatIfTableShowsBreachInsteadOfDrop()
    {
        Record();
        var whatIf = Path.Combine(_fx.Directory, "what-if.json");
        File.WriteAllText(whatIf, LogFixture.SiteJson.Replace("\"Adjacent\": [ \"Z2\" ], ", string.Empty, StringComparison.Ordinal));

        var (code, output, _) = await LogFixture.Run("replay", "--db", _fx.Db, "--config", whatIf, "--format", "csv");

        Assert.Equal(1, code);
        Assert.StartsWith("different: seq ", output, StringComparison.Ordinal);
        Assert.True(output.Contains("\nonly_journal,drone_drop_suspected,Z2,", StringComparison.Ordinal), output);
        Assert.True(output.Contains("\nonly_replay,perimeter_breach,Z2,", StringComparison.Ordinal), output);
    }

    [Fact]
    public async Task Replay_AlertRowDeleted_RefusedAsNotVerified()
    {
        Record();
        Sql("DELETE FROM journal WHERE seq = (SELECT max(seq) FROM journal WHERE type = 'alert' AND kind = 'drone_drop_suspected');");

        var (code, _, error) = await LogFixture.Run("replay", "--db", _fx.Db);
        var (unverified, output, _) = await LogFixture.Run("replay", "--db", _fx.Db, "--no-verify");

        Assert.Equal(ReplayCommand.ExitNotVerified, code);
        Assert.Contains("fails verify at seq", error, StringComparison.Ordinal);
        Assert.Equal(1, unverified);
        Assert.Matches(@"^different: seq \d+: the replay raised drone_drop_suspected \S+ revision \d+ \(\w+\) \(caused by this row\) that the journal does not hold", output);
    }

    [Fact]
    public async Task Replay_EventPayloadPurged_ReportsTheSpanItCannotReplay()
    {
        Record();
        Sql("UPDATE journal SET payload = NULL WHERE type = 'event' AND kind = 'perimeter';");

        var (code, output, error) = await LogFixture.Run("replay", "--db", _fx.Db, "--no-verify");

        Assert.Equal(1, code);
        Assert.Matches(@"cannot replay seq \d+\.\.\d+: 2 event rows, payload purged by retention", error);
        Assert.Contains("drone_drop_suspected", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_JournalAcrossARestartWithStartMarker_IdenticalAndTheRestartNamed()
    {
        Record(restartAt: 25, marker: true); // the drone, the drop and the offline alerts active at the restart

        var (code, output, error) = await LogFixture.Run("replay", "--db", _fx.Db);

        Assert.True(code == 0, output + error);
        Assert.StartsWith("identical", output, StringComparison.Ordinal);
        Assert.Contains("1 gateway restarts", output, StringComparison.Ordinal);
        Assert.Matches(@"gateway restart at seq \d+ \(start marker\): [1-9]\d* active alerts continued\n", error);
        Assert.DoesNotContain("cannot compare", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_RunStartedWithAnotherSiteConfiguration_SaysThatSpanIsAWhatIf()
    {
        var other = new string('a', 64);
        Record(restartAt: 25, marker: true, digest: other); // the second run's snapshot was not this site.json

        var (_, output, error) = await LogFixture.Run("replay", "--db", _fx.Db);

        Assert.Matches(@"seq \d+\.\.\d+ is a what-if: this run started with site configuration sha256 aaaaaaaaaaaa, not the one replayed \([0-9a-f]{12}\)", error);
        Assert.Contains("gateway restart at seq", error, StringComparison.Ordinal);
        Assert.StartsWith("identical", output, StringComparison.Ordinal); // the same rules in fact: nothing else differs
    }

    [Fact]
    public async Task Replay_JournalAcrossARestartWithoutMarker_SaysWhichSpanItCannotCompare()
    {
        Record(restartAt: 25, marker: false); // as a gateway before start markers wrote it

        var (code, output, error) = await LogFixture.Run("replay", "--db", _fx.Db);

        Assert.True(code == 0, output + error);
        Assert.StartsWith("identical", output, StringComparison.Ordinal);
        Assert.Matches(@"cannot compare seq \d+\.\.\d+: a gateway restart without a start marker lies in these rows \(the alert-id counter started again at seq \d+\)", error);
        Assert.Contains("(no start marker)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_WhatIfAcrossARestart_PrintsItsDifferences()
    {
        Record(restartAt: 25, marker: true);
        var whatIf = Path.Combine(_fx.Directory, "what-if.json");
        File.WriteAllText(whatIf, LogFixture.SiteJson.Replace("\"Adjacent\": [ \"Z2\" ], ", string.Empty, StringComparison.Ordinal));

        var (code, output, error) = await LogFixture.Run("replay", "--db", _fx.Db, "--config", whatIf, "--format", "csv");

        Assert.Equal(1, code);
        Assert.Contains("gateway restart at seq", error, StringComparison.Ordinal);
        Assert.True(output.Contains("\nonly_journal,drone_drop_suspected,Z2,", StringComparison.Ordinal), output);
        Assert.True(output.Contains("\nonly_replay,perimeter_breach,Z2,", StringComparison.Ordinal), output);
    }

    [Fact]
    public async Task Replay_ConfigWithBadFusionKey_Exit78NamingIt()
    {
        Record();
        var bad = Path.Combine(_fx.Directory, "bad.json");
        File.WriteAllText(bad, LogFixture.SiteJson.Replace("\"Site\": {", "\"Fusion\": { \"DroneQuietSeconds\": -5 }, \"Site\": {", StringComparison.Ordinal));

        var (code, _, error) = await LogFixture.Run("replay", "--db", _fx.Db, "--config", bad);

        Assert.Equal(ReplayCommand.ExitConfig, code);
        Assert.Contains("Fusion:DroneQuietSeconds", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// 40 s of a drone in Z1, a fence alarm in the adjacent Z2 at 12 s (a suspected drop), the fence sensor reported
    /// offline at 20 s and back at 30 s; ticks every 0.7 s to 200 s, so both alerts end on ticks. With
    /// <paramref name="restartAt"/> the gateway stops there and starts again as GatewayRuntime does (fusion restores the
    /// journal's active alerts, a new id counter; a start marker when <paramref name="marker"/>), and a second drone
    /// (D2, 60-65 s) raises a new alert after it.
    /// </summary>
    private (int Fed, int Journaled) Record(double? restartAt = null, bool marker = true, string? digest = null)
    {
        var site = ReplayConfiguration.Load([_fx.Config], _fx.Db).Site; // zone names, adjacency and polygons as in site.json
        var journal = Journal.Writing.JournalWriter.Open(new Journal.JournalOptions { Path = _fx.Db }, site, _fx.Time);
        var fusion = new FusionEngine(site, new FusionOptions(), journal, NullLogger.Instance);
        try
        {
            return Play(site, ref journal, ref fusion, (restartAt, marker, digest));
        }
        finally
        {
            journal.Dispose();
        }
    }

    private (int Fed, int Journaled) Play(Core.Site.SiteModel site, ref Journal.Writing.JournalWriter journal, ref FusionEngine fusion, (double? At, bool Marker, string? Digest) restart)
    {
        var (restartAt, marker) = (restart.At, restart.Marker);
        long id = 1;
        var tick = 0;
        var (j, f) = (journal, fusion);
        void Feed(SensorEvent e)
        {
            e.EventId = id++;
            f.OnEvent(e, e.EventId, true);
            j.OnEvent(e, e.EventId, true);
        }

        SensorEvent At(EventKind kind, string? sensor, double t)
        {
            var e = new SensorEvent();
            var index = site.SensorIndexOf(sensor);
            e.SetHeader(new EventHeader(kind, index >= 0 ? site.Sensors[index].Family : SensorFamily.Gateway, index, -1, LogFixture.T0.AddSeconds(t)));
            return e;
        }

        for (var t = 0.0; t < 200; t += 0.1)
        {
            var ms = (int)Math.Round(t * 10);
            if (restartAt is { } r && ms == (int)Math.Round(r * 10))
            {
                j.Dispose(); // a clean stop: the journal commits what fusion raised
                j = journal = Journal.Writing.JournalWriter.Open(new Journal.JournalOptions { Path = _fx.Db }, site, _fx.Time);
                var ids = new UlidGenerator(0);
                f = fusion = new FusionEngine(site, new FusionOptions(), j, NullLogger.Instance, ids);
                var restored = f.Restore(j.LoadActiveAlerts());
                if (marker)
                {
                    j.WriteStart(new Journal.Storage.StartMarker([.. restored.Select(a => new Journal.Storage.RestoredAlert(a.Id, a.Revision))], 0, ids.Counter, j.NextEventId, restart.Digest));
                }
            }

            if (ms % 10 == 3 && (t < 40 || (restartAt is not null && t is > 60 and < 65)))
            {
                var d = At(EventKind.DroneDetection, "rid-1", t + 0.0001234);
                d.Drone = DroneData.Unknown;
                d.Drone.TrackId = FixedAscii32.From(t < 40 ? "D1" : "D2");
                d.Drone.TrackKey = d.Drone.TrackId.StableHash();
                d.Drone.HasPosition = true;
                (d.Drone.Latitude, d.Drone.Longitude, d.Drone.AltitudeM) = (50.99805 + (t * 1e-6), 5.8675, 40.5f);
                Feed(d);
            }

            if (ms is 120 or 150)
            {
                var p = At(EventKind.Perimeter, "fence-2", t);
                p.Perimeter.State = ms == 120 ? PerimeterState.Alarm : PerimeterState.Normal;
                p.Perimeter.Previous = ms == 120 ? PerimeterState.Normal : PerimeterState.Alarm;
                p.Perimeter.RawAdc = -1;
                Feed(p);
            }

            if (ms is 200 or 300)
            {
                var h = At(EventKind.SensorHealth, "fence-2", t);
                h.Health.Status = ms == 200 ? SensorStatus.Offline : SensorStatus.Online;
                h.Health.Reason.Set("heartbeat_timeout");
                Feed(h);
            }

            if (ms % 7 == 0)
            {
                tick++;
                Feed(At(EventKind.Tick, null, t + 0.00000031)); // finer than the journal's microseconds, as a wall clock is
            }
        }

        j.Flush();
        return (tick, (int)Count("SELECT count(*) FROM journal WHERE type = 'note' AND kind = 'clock';"));
    }

    private long Count(string sql)
    {
        using var c = new SqliteConnection($"Data Source={_fx.Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    private void Sql(string sql)
    {
        using var c = new SqliteConnection($"Data Source={_fx.Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        Assert.True(cmd.ExecuteNonQuery() > 0, sql);
    }
}
