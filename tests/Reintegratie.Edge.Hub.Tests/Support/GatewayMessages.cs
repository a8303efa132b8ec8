using System.Globalization;
using System.Text.Json;

namespace Reintegratie.Edge.Hub.Tests.Support;

/// <summary>Payloads in the gateway's MQTT contract (docs/MQTT.md, docs/schemas/), for publishing from tests.</summary>
public static class GatewayMessages
{
    private static readonly DateTimeOffset s_t0 = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

    public static object Snapshot(string id, int revision, string kind = "drone_incursion", bool ended = false, string? ackBy = null) => new Dictionary<string, object?>
    {
        ["id"] = id, ["revision"] = revision, ["kind"] = kind, ["severity"] = "high", ["zones"] = new[] { "north" },
        ["title"] = "Drone boven zone north", ["first_seen"] = s_t0, ["last_seen"] = s_t0.AddSeconds(revision),
        ["ended_at"] = ended ? s_t0.AddSeconds(revision) : null, ["evidence"] = new[] { 1, 2 }, ["evidence_count"] = 2,
        ["sensors"] = new[] { "rid-1" }, ["drone"] = null, ["bodycam_recordings"] = Array.Empty<string>(), ["linked_alerts"] = Array.Empty<string>(),
        ["acknowledged"] = ackBy is null ? null : new { by = ackBy, at = s_t0.AddSeconds(revision), note = (string?)null }, ["detail"] = null,
    };

    public static byte[] Lifecycle(string id, int revision, bool end = false, string? ackBy = null) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["type"] = revision == 1 ? "new" : end ? "end" : "update",
        ["before"] = revision == 1 ? null : Snapshot(id, revision - 1),
        ["after"] = Snapshot(id, revision, ended: end, ackBy: ackBy),
    });

    public static byte[] Head(long seq, string hash) =>
        JsonSerializer.SerializeToUtf8Bytes(new { seq, hash, at = s_t0.AddSeconds(seq) });

    public static string Hash(int n) => n.ToString("x64", CultureInfo.InvariantCulture);

    public static byte[] Status(string state) => JsonSerializer.SerializeToUtf8Bytes(new { state, version = "0.1.0", reason = state == "online" ? null : "connection_lost" });

    public static byte[] Sensor(string id, string status) =>
        JsonSerializer.SerializeToUtf8Bytes(new { sensor_id = id, family = "remote_id", zone = "north", status, reason = (string?)null, last_seen = s_t0, since = s_t0 });

    /// <summary>A retained <c>…/bypass</c> list (docs/schemas/bypass.json): zone, its zone_bypassed alert id, hours from t0 until expiry.</summary>
    public static byte[] Bypasses(params (string Zone, string AlertId, int Hours)[] bypasses) => JsonSerializer.SerializeToUtf8Bytes(bypasses.Select(b => new
    {
        zone = b.Zone, until = s_t0.AddHours(b.Hours), authorised_by = new[] { "anna", "bert" }, reason = "onderhoud hek " + b.Zone, since = s_t0, alert_id = b.AlertId,
    }));

    /// <summary>A retained <c>…/site</c> zone map (docs/schemas/site.json) with one square zone per id, side <paramref name="size"/> degrees.</summary>
    public static byte[] SiteMap(double size, params string[] zoneIds) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        name = "PI Test", geofence = (object?)null,
        zones = zoneIds.Select((id, i) => new
        {
            id, name = "Zone " + id, kind = "perimeter", adjacent = Array.Empty<string>(),
            polygon = new[] { (0.0, 0.0), (0, size), (size, size), (size, 0) }.Select(p => new { lat = 51 + p.Item1, lon = 5 + (i * size) + p.Item2 }),
        }),
    });
}
