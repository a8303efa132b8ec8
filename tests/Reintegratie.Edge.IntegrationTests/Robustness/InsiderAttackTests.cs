using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Protocol;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// The insider attacks of issue 16 against the real gateway process, its journal and <c>edgectl</c>: each now fails to
/// do harm. The forger knows the documented chain format (no secret is needed), so the chain is recomputed here
/// independently, as an insider would.
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class InsiderAttackTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Journal_AlertRowsDeletedOrPurgedUnderAForgedCheckpoint_VerifyNamesTheFirstBadSeq()
    {
        using var rig = new RobustnessRig(new RigOptions { AlarmSensor = true, JournalHeadIntervalSeconds = 1, Site = "insider-journal" });
        rig.StartGateway();
        rig.StartWriting(); // drone detections on rf-1: incursion alerts that start and end
        Assert.True(SpinWait.SpinUntil(() => rig.Subscriber.Messages.Any(m => m.Type == "end"), TimeSpan.FromSeconds(45)), "an alert ended");
        rig.StopWriting();
        Thread.Sleep(4000); // the rest end after the quiet period; more journal heads are published
        rig.GatewayProcess.Signal(15);
        Assert.True(rig.GatewayProcess.WaitForExit(TimeSpan.FromSeconds(20)), "gateway stopped");
        var heads = Path.Combine(Path.GetDirectoryName(rig.JournalPath)!, "heads.jsonl");
        await File.WriteAllLinesAsync(heads, rig.Subscriber.Heads);
        var intact = Verify(rig.JournalPath, heads);
        Assert.True(intact.Code == 0, intact.Err);

        // Attack 1: delete every revision of the alert and append a forged checkpoint that "explains" the gaps.
        var deleted = Copy(rig.JournalPath, "deleted.db");
        var alertSeqs = Seqs(deleted, "SELECT seq FROM journal WHERE type = 'alert' ORDER BY seq");
        Assert.NotEmpty(alertSeqs);
        Execute(deleted, "DELETE FROM journal WHERE type = 'alert'");
        ForgedCheckpoint(deleted, alertSeqs);
        var afterDelete = Verify(deleted, heads);
        var afterDeleteNoHeads = Verify(deleted, null);

        // Attack 2: keep the rows but drop the alert payloads under a forged checkpoint (the chain still links).
        var purged = Copy(rig.JournalPath, "purged.db");
        Execute(purged, "UPDATE journal SET payload = NULL WHERE type = 'alert'");
        ForgedCheckpoint(purged, alertSeqs);
        var afterPurge = Verify(purged, heads);

        // Attack 3: delete the rows and rewrite the whole chain so it is self-consistent again.
        var rewritten = Copy(rig.JournalPath, "rewritten.db");
        Execute(rewritten, "DELETE FROM journal WHERE type = 'alert'");
        Rechain(rewritten);
        var afterRewrite = Verify(rewritten, heads);

        output.WriteLine($"alert rows {string.Join(',', alertSeqs)}; heads archived {rig.Subscriber.Heads.Count}");
        output.WriteLine($"delete+checkpoint: {afterDelete.Err.Trim()}");
        output.WriteLine($"purge+checkpoint: {afterPurge.Err.Trim()}");
        output.WriteLine($"rewrite: {afterRewrite.Err.Trim()}");
        Assert.Equal(1, afterDelete.Code);
        Assert.Contains($"BROKEN at seq {alertSeqs[0]}", afterDelete.Err, StringComparison.Ordinal);
        Assert.Equal(1, afterDeleteNoHeads.Code);
        Assert.Contains($"BROKEN at seq {alertSeqs[0]}", afterDeleteNoHeads.Err, StringComparison.Ordinal);
        Assert.Equal(1, afterPurge.Code);
        Assert.Contains($"BROKEN at seq {alertSeqs[0]}", afterPurge.Err, StringComparison.Ordinal);
        Assert.Contains("only event rows are ever purged", afterPurge.Err, StringComparison.Ordinal);
        // A rewritten chain is self-consistent: the first archived head at or after the first deleted row exposes it.
        var firstHeadAfter = rig.Subscriber.Heads.Select(h => JsonDocument.Parse(h).RootElement.GetProperty("seq").GetInt64()).Where(s => s >= alertSeqs[0]).Min();
        Assert.Equal(1, afterRewrite.Code);
        Assert.Contains($"BROKEN at seq {firstHeadAfter}: row {firstHeadAfter} does not have the recorded head hash", afterRewrite.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_RetainedBypassAndForgedSender_RefusedJournaledAndTheZoneStillAlerts()
    {
        using var rig = new RobustnessRig(new RigOptions { AlarmSensor = true, Site = "insider-cmd" });
        using var insider = new MqttClientFactory().CreateMqttClient();
        await insider.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", rig.Broker.Port).WithClientId("insider").Build());
        var replies = new List<string>();
        insider.ApplicationMessageReceivedAsync += e =>
        {
            lock (replies)
            {
                replies.Add(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            }

            return Task.CompletedTask;
        };
        await insider.SubscribeAsync("biv/replies/insider", MqttQualityOfServiceLevel.AtLeastOnce);

        // A validly signed bypass of Z2, left retained so that it would be applied on every reconnect.
        var bypass = rig.Signed("bypass", new() { ["zone"] = "Z2", ["until"] = DateTimeOffset.UtcNow.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), ["reason"] = "onderhoud", ["reply_to"] = "biv/replies/insider" });
        await insider.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(rig.Root + "/cmd/bypass").WithPayload(bypass).WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        rig.StartGateway();
        Assert.True(SpinWait.SpinUntil(() => { lock (replies) { return replies.Count >= 1; } }, TimeSpan.FromSeconds(30)), "retained bypass answered:\n" + string.Join('\n', rig.GatewayProcess.Stderr.TakeLast(20)));

        // A forged sender: an ack claiming to be the supervisor, signed by nobody the gateway knows.
        await insider.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(rig.Root + "/cmd/ack")
            .WithPayload("""{"alert_id":"01ANY","operator":"supervisor","sender":"supervisor","key_id":"supervisor","issued_at":"2026-01-01T00:00:00Z","nonce":"0123456789","signature":"MEUCIQ==","reply_to":"biv/replies/insider"}""")
            .WithUserProperty("sender", Encoding.UTF8.GetBytes("supervisor").AsMemory()).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(SpinWait.SpinUntil(() => { lock (replies) { return replies.Count >= 2; } }, TimeSpan.FromSeconds(30)), "forged ack answered");
        await rig.InjectAlarmAsync("T-BYP");
        Assert.True(SpinWait.SpinUntil(() => rig.Subscriber.Messages.Any(m => m.Type == "new" && m.Sensors.Contains("rf-alarm")), TimeSpan.FromSeconds(30)), "Z2 still alerts:\n" + string.Join('\n', rig.GatewayProcess.Stderr.TakeLast(15)) + "\nmessages: " + string.Join(" | ", rig.Subscriber.Messages.Select(m => m.Kind + "/" + m.Track)));
        rig.GatewayProcess.Signal(15);
        Assert.True(rig.GatewayProcess.WaitForExit(TimeSpan.FromSeconds(20)), "gateway stopped");

        var messages = replies.Select(r => JsonDocument.Parse(r).RootElement).ToList();
        output.WriteLine(string.Join('\n', replies));
        Assert.All(messages, m => Assert.False(m.GetProperty("ok").GetBoolean()));
        Assert.StartsWith("retained command refused", messages[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("unknown key 'supervisor'", messages[1].GetProperty("message").GetString());
        var refusals = Strings(rig.JournalPath, "SELECT json_extract(payload, '$.refusal') FROM journal WHERE type = 'command' ORDER BY seq");
        Assert.Equal(2, refusals.Count);
        Assert.Empty(Strings(rig.JournalPath, "SELECT json_extract(payload, '$.sender') FROM journal WHERE type = 'command' AND json_extract(payload, '$.refusal') IS NULL"));
        Assert.Empty(Strings(rig.JournalPath, "SELECT alert_id FROM journal WHERE type = 'alert' AND json_extract(payload, '$.after.acknowledged') IS NOT NULL"));
        Assert.Equal(0, Verify(rig.JournalPath, null).Code);
    }

    private static (int Code, string Out, string Err) Verify(string db, string? heads) =>
        ChildProcess.Run(RepoPaths.Edgectl, heads is null ? ["log", "verify", "--db", db] : ["log", "verify", "--db", db, "--heads", heads], TimeSpan.FromSeconds(60));

    private static string Copy(string db, string name)
    {
        var to = Path.Combine(Path.GetDirectoryName(db)!, name);
        using (var c = Open(db))
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "VACUUM INTO $to";
            cmd.Parameters.AddWithValue("$to", to);
            cmd.ExecuteNonQuery();
        }

        return to;
    }

    /// <summary>A checkpoint that claims retention purged <paramref name="seqs"/>, dated now, chained correctly.</summary>
    private static void ForgedCheckpoint(string db, List<long> seqs)
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var purged = string.Join(',', seqs.Select(s => $"[{s},{s}]"));
        var payload = $$"""{"reason":"retention","rows":{{seqs.Count}},"kinds":{"drone_incursion":{{seqs.Count}}},"cutoffs":{"drone_incursion":"{{now}}"},"purged":[{{purged}}]}""";
        using var c = Open(db);
        using var last = c.CreateCommand();
        last.CommandText = "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1";
        using var r = last.ExecuteReader();
        r.Read();
        var (seq, prev) = (r.GetInt64(0) + 1, (byte[])r.GetValue(1));
        r.Close();
        Insert(c, [seq, now, "checkpoint", "retention", null, null, null, null, null, null], payload, SHA256.HashData(Encoding.UTF8.GetBytes(payload)), prev);
    }

    /// <summary>Renumbers the rows 1..n and recomputes every hash: a self-consistent chain without the deleted rows.</summary>
    private static void Rechain(string db)
    {
        using var c = Open(db);
        var rows = new List<(object?[] Header, string? Payload, byte[] Digest)>();
        using (var read = c.CreateCommand())
        {
            read.CommandText = "SELECT at, type, kind, zone, sensor, event_id, alert_id, revision, severity, payload, payload_digest FROM journal ORDER BY seq";
            using var r = read.ExecuteReader();
            while (r.Read())
            {
                var header = new object?[10];
                for (var i = 0; i < 9; i++)
                {
                    header[i + 1] = r.IsDBNull(i) ? null : r.GetValue(i);
                }

                rows.Add((header, r.IsDBNull(9) ? null : r.GetString(9), (byte[])r.GetValue(10)));
            }
        }

        Execute(c, "DELETE FROM journal");
        var prev = new byte[32];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Header[0] = (long)(i + 1);
            prev = Insert(c, rows[i].Header, rows[i].Payload, rows[i].Digest, prev);
        }
    }

    /// <summary>Inserts a row hashed as docs say: SHA-256(prev || header || SHA-256(payload)), header length-prefixed.</summary>
    private static byte[] Insert(SqliteConnection c, object?[] header, string? payload, byte[] digest, byte[] prev)
    {
        var canonical = new List<byte>();
        foreach (var value in header)
        {
            if (value is null)
            {
                canonical.Add(0);
                continue;
            }

            var bytes = Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture)!);
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
            canonical.Add(1);
            canonical.AddRange(length);
            canonical.AddRange(bytes);
        }

        var hash = SHA256.HashData([.. prev, .. canonical, .. digest]);
        using var insert = c.CreateCommand();
        insert.CommandText = "INSERT INTO journal (seq, at, type, kind, zone, sensor, event_id, alert_id, revision, severity, payload, payload_digest, prev_hash, hash) VALUES ($0,$1,$2,$3,$4,$5,$6,$7,$8,$9,$p,$d,$prev,$h)";
        for (var i = 0; i < header.Length; i++)
        {
            insert.Parameters.AddWithValue($"${i}", header[i] ?? DBNull.Value);
        }

        insert.Parameters.AddWithValue("$p", (object?)payload ?? DBNull.Value);
        insert.Parameters.AddWithValue("$d", digest);
        insert.Parameters.AddWithValue("$prev", prev);
        insert.Parameters.AddWithValue("$h", hash);
        insert.ExecuteNonQuery();
        return hash;
    }

    private static List<long> Seqs(string db, string sql) => [.. Strings(db, sql).Select(s => long.Parse(s, CultureInfo.InvariantCulture))];

    private static List<string> Strings(string db, string sql)
    {
        using var c = Open(db);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read())
        {
            list.Add(Convert.ToString(r.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return list;
    }

    private static void Execute(string db, string sql)
    {
        using var c = Open(db);
        Execute(c, sql);
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string db)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        c.Open();
        return c;
    }
}
