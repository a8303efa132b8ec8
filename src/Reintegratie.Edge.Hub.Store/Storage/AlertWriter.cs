using System.Text.Json;
using Reintegratie.Edge.Hub.Ingest;

namespace Reintegratie.Edge.Hub.Storage;

/// <summary>Alert lifecycle messages and active lists into <c>alert_revisions</c> and <c>alerts</c> (docs/MQTT.md "De-dup rule").</summary>
internal static class AlertWriter
{
    private const string Upsert = """
        INSERT INTO alerts (alert_id, revision, site, gateway, source, kind, severity, title, zones, first_seen, last_seen, ended_at,
                            acknowledged_by, acknowledged_at, body, updated_at)
        VALUES ($1, $2, $3, $4, 'gateway', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
        ON CONFLICT (alert_id) DO UPDATE SET
            revision = EXCLUDED.revision, severity = EXCLUDED.severity, title = EXCLUDED.title, zones = EXCLUDED.zones,
            last_seen = EXCLUDED.last_seen, ended_at = EXCLUDED.ended_at, acknowledged_by = EXCLUDED.acknowledged_by,
            acknowledged_at = EXCLUDED.acknowledged_at, body = EXCLUDED.body, updated_at = EXCLUDED.updated_at
        WHERE alerts.revision < EXCLUDED.revision
        """;

    public static async Task<IngestOutcome> ApplyLifecycleAsync(IngestStore.Db db, TopicAddress at, JsonElement message)
    {
        var type = message.Field("type").GetString() ?? throw new FormatException("type is null");
        if (type is not ("new" or "update" or "end"))
        {
            throw new FormatException($"type '{type}' is not new, update or end");
        }

        var after = message.Field("after");
        var (id, revision) = Identity(after);
        var inserted = await db.Execute(
            """
            INSERT INTO alert_revisions (alert_id, revision, site, gateway, type, kind, severity, first_seen, body, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING
            """,
            id, revision, at.Site, at.Gateway, type, Text(after, "kind"), Text(after, "severity"), Time(after, "first_seen"), after, db.Now).ConfigureAwait(false);
        if (inserted == 0)
        {
            return IngestOutcome.Duplicate;
        }

        var held = (int?)await db.Scalar("SELECT revision FROM alerts WHERE alert_id = $1 FOR UPDATE", id).ConfigureAwait(false);
        if (held >= revision)
        {
            // A newer revision is already applied (e.g. from the retained active list): archived above, not applied.
            if (held > revision)
            {
                await Anomaly(db, id, revision, held.Value, "older than the revision held").ConfigureAwait(false);
            }

            return held == revision ? IngestOutcome.Applied : IngestOutcome.Stale;
        }

        if (held is { } h && revision != h + 1)
        {
            await Anomaly(db, id, revision, h, "revisions missing before this one").ConfigureAwait(false);
        }

        await UpsertAsync(db, at, after).ConfigureAwait(false);
        return IngestOutcome.Applied;
    }

    public static async Task<IngestOutcome> ApplyActiveListAsync(IngestStore.Db db, TopicAddress at, JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"expected a JSON array, got {list.ValueKind}");
        }

        foreach (var snapshot in list.EnumerateArray())
        {
            Identity(snapshot);
            await UpsertAsync(db, at, snapshot).ConfigureAwait(false);
        }

        await db.Execute(
            """
            INSERT INTO active_lists (site, gateway, body, received_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (site, gateway) DO UPDATE SET body = EXCLUDED.body, received_at = EXCLUDED.received_at
            """,
            at.Site, at.Gateway, list, db.Now).ConfigureAwait(false);
        return IngestOutcome.Applied;
    }

    private static Task<int> UpsertAsync(IngestStore.Db db, TopicAddress at, JsonElement a)
    {
        var (id, revision) = Identity(a);
        var ack = a.TryGetProperty("acknowledged", out var k) && k.ValueKind == JsonValueKind.Object ? k : (JsonElement?)null;
        var zones = a.Field("zones").EnumerateArray().Select(z => z.GetString() ?? string.Empty).ToArray();
        return db.Execute(
            Upsert, id, revision, at.Site, at.Gateway, Text(a, "kind"), Text(a, "severity"), a.Field("title").GetString() ?? string.Empty,
            zones, Time(a, "first_seen"), Time(a, "last_seen"), OptionalTime(a, "ended_at"),
            ack?.Field("by").GetString(), ack is { } x ? Time(x, "at") : null, a, db.Now);
    }

    private static (string Id, int Revision) Identity(JsonElement a)
    {
        var id = a.Field("id").GetString();
        var revision = a.Field("revision").GetInt32();
        if (string.IsNullOrEmpty(id) || id.Length > 64 || revision < 1)
        {
            throw new FormatException("id must be 1..64 characters and revision >= 1");
        }

        return (id, revision);
    }

    private static Task<int> Anomaly(IngestStore.Db db, string id, int revision, int held, string what) =>
        db.Execute("INSERT INTO alert_anomalies (alert_id, revision, held, what, received_at) VALUES ($1, $2, $3, $4, $5)", id, revision, held, what, db.Now);

    internal static string Text(JsonElement e, string name) =>
        e.Field(name).GetString() is { Length: > 0 and <= 64 } s ? s : throw new FormatException($"{name} must be a string of 1..64 characters");

    internal static DateTimeOffset Time(JsonElement e, string name) => e.Field(name).GetDateTimeOffset().ToUniversalTime();

    internal static DateTimeOffset? OptionalTime(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetDateTimeOffset().ToUniversalTime() : null;
}
