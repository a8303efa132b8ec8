using System.Text.Json;
using Reintegratie.Edge.Hub.Ingest;

namespace Reintegratie.Edge.Hub.Storage;

/// <summary>Gateway status and sensor health: the current state per key plus an append-only history.</summary>
internal static class StateWriter
{
    public static async Task<IngestOutcome> ApplyStatusAsync(IngestStore.Db db, TopicAddress at, JsonElement status)
    {
        var state = AlertWriter.Text(status, "state");
        await db.Execute(
            """
            INSERT INTO gateway_status (site, gateway, state, body, received_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (site, gateway) DO UPDATE SET state = EXCLUDED.state, body = EXCLUDED.body, received_at = EXCLUDED.received_at
            """,
            at.Site, at.Gateway, state, status, db.Now).ConfigureAwait(false);
        await db.Execute(
            "INSERT INTO gateway_status_history (site, gateway, state, body, received_at) VALUES ($1, $2, $3, $4, $5)",
            at.Site, at.Gateway, state, status, db.Now).ConfigureAwait(false);
        return IngestOutcome.Applied;
    }

    public static async Task<IngestOutcome> ApplySensorAsync(IngestStore.Db db, TopicAddress at, JsonElement health)
    {
        var status = AlertWriter.Text(health, "status");
        var zone = health.TryGetProperty("zone", out var z) && z.ValueKind == JsonValueKind.String ? z.GetString() : null;
        await db.Execute(
            """
            INSERT INTO sensor_health (site, gateway, sensor_id, family, zone, status, body, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (site, gateway, sensor_id) DO UPDATE SET family = EXCLUDED.family, zone = EXCLUDED.zone, status = EXCLUDED.status,
                body = EXCLUDED.body, received_at = EXCLUDED.received_at
            """,
            at.Site, at.Gateway, at.SensorId, AlertWriter.Text(health, "family"), zone, status, health, db.Now).ConfigureAwait(false);
        await db.Execute(
            "INSERT INTO sensor_health_history (site, gateway, sensor_id, status, body, received_at) VALUES ($1, $2, $3, $4, $5, $6)",
            at.Site, at.Gateway, at.SensorId, status, health, db.Now).ConfigureAwait(false);
        return IngestOutcome.Applied;
    }
}
