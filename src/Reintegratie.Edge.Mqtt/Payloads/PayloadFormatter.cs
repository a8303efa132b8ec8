using System.Text.Json;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Mqtt.Payloads;

/// <summary>Builds the UTF-8 JSON payloads of docs/MQTT.md (schemas in docs/schemas/). Pure: no clock, no I/O.</summary>
public static class PayloadFormatter
{
    /// <summary>The <c>online</c> birth message.</summary>
    public static byte[] Online(StatusInfo info, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(info);
        return Status(info, "online", null, at);
    }

    /// <summary>The Last Will: <c>offline</c>, reason <c>connection_lost</c>, no time (the broker sends it later).</summary>
    public static byte[] LastWill(StatusInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return Status(info, "offline", "connection_lost", null);
    }

    /// <summary>The clean-shutdown message: <c>offline</c>, reason <c>shutdown</c>.</summary>
    public static byte[] Shutdown(StatusInfo info, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(info);
        return Status(info, "offline", "shutdown", at);
    }

    /// <summary>One sensor's health.</summary>
    public static byte[] SensorHealth(SensorHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        var payload = new SensorHealthPayload(
            health.SensorId, FamilyCode(health.Family), health.Zone, StatusCode(health.Status), health.Reason, health.LastSeen, health.Since);
        return JsonSerializer.SerializeToUtf8Bytes(payload, MqttPayloadJson.Default.SensorHealthPayload);
    }

    /// <summary>The journal head.</summary>
    public static byte[] JournalHead(long seq, string hash, DateTimeOffset at) =>
        JsonSerializer.SerializeToUtf8Bytes(new JournalHeadPayload(seq, hash, at), MqttPayloadJson.Default.JournalHeadPayload);

    /// <summary>
    /// The zone map: every zone with its name, kind, adjacency and polygon, and the geofence. Deterministic (no clock):
    /// the same configuration gives the same bytes, so a republication after a reconnect is recognisably the same map.
    /// </summary>
    public static byte[] SiteMap(SiteModel site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var zones = site.Zones.Select(z => new ZoneMapPayload(
            z.Id, z.Name, z.Kind, site.Zones.Where(o => site.AreAdjacent(z.Index, o.Index)).Select(o => o.Id).ToList(), Points(z.Polygon))).ToList();
        return JsonSerializer.SerializeToUtf8Bytes(new SiteMapPayload(site.Name, Points(site.Geofence), zones), MqttPayloadJson.Default.SiteMapPayload);
    }

    /// <summary>A command reply.</summary>
    public static byte[] CommandResponse(CommandResponsePayload response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonSerializer.SerializeToUtf8Bytes(response, MqttPayloadJson.Default.CommandResponsePayload);
    }

    /// <summary>The wire code of a family (snake_case, as in alert <c>drone.sources</c>).</summary>
    public static string FamilyCode(SensorFamily family) => family switch
    {
        SensorFamily.RemoteId => "remote_id",
        SensorFamily.Sapient => "sapient",
        SensorFamily.RfDetector => "rf_detector",
        SensorFamily.Perimeter => "perimeter",
        SensorFamily.Gsm => "gsm",
        SensorFamily.Bodycam => "bodycam",
        SensorFamily.Gateway => "gateway",
        _ => "unknown",
    };

    /// <summary>The wire code of a status.</summary>
    public static string StatusCode(SensorStatus status) => status switch
    {
        SensorStatus.Online => "online",
        SensorStatus.Offline => "offline",
        SensorStatus.Fault => "fault",
        SensorStatus.Tamper => "tamper",
        _ => "unknown",
    };

    private static List<GeoPointPayload>? Points(GeoPolygon? polygon) =>
        polygon?.Latitudes.Zip(polygon.Longitudes, (lat, lon) => new GeoPointPayload(lat, lon)).ToList();

    private static byte[] Status(StatusInfo info, string state, string? reason, DateTimeOffset? at)
    {
        var payload = new StatusPayload(state, info.Version, info.StartedAt, info.Insecure, info.Site, info.Gateway, info.Protocol, reason, at);
        return JsonSerializer.SerializeToUtf8Bytes(payload, MqttPayloadJson.Default.StatusPayload);
    }
}
