using System.Text.Json;
using Reintegratie.Edge.Hub.Ingest;

namespace Reintegratie.Edge.Hub.Storage;

/// <summary>
/// The retained <c>…/site</c> zone map (docs/schemas/site.json): checked (zone ids, polygons of at least three vertices
/// with coordinates in range), kept as the map in use per gateway, and every distinct map archived. The same map again
/// (every reconnect republishes it) changes nothing.
/// </summary>
internal static class SiteMapWriter
{
    private const int MaxZones = 256;
    private const int MaxVertices = 1024;

    public static async Task<IngestOutcome> ApplyAsync(IngestStore.Db db, TopicAddress at, JsonElement map)
    {
        if (map.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected a JSON object, got {map.ValueKind}");
        }

        _ = map.Field("name").GetString() ?? throw new FormatException("name: expected a string");
        Polygon(map.Field("geofence"), "geofence");
        var zones = map.Field("zones");
        if (zones.ValueKind != JsonValueKind.Array || zones.GetArrayLength() > MaxZones)
        {
            throw new FormatException($"zones: expected an array of at most {MaxZones} zones");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var zone in zones.EnumerateArray())
        {
            var id = AlertWriter.Text(zone, "id");
            if (!ids.Add(id))
            {
                throw new FormatException($"zones: zone id '{id}' is listed twice");
            }

            Polygon(zone.Field("polygon"), $"zones[{id}].polygon");
        }

        return await RetainedDocument.StoreIfChangedAsync(db, "site_maps", "site_map_history", at, map).ConfigureAwait(false)
            ? IngestOutcome.Applied
            : IngestOutcome.Duplicate;
    }

    private static void Polygon(JsonElement polygon, string name)
    {
        if (polygon.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() is < 3 or > MaxVertices)
        {
            throw new FormatException($"{name}: expected null or an array of 3..{MaxVertices} points");
        }

        foreach (var point in polygon.EnumerateArray())
        {
            if (point.Field("lat").GetDouble() is not (>= -90 and <= 90) || point.Field("lon").GetDouble() is not (>= -180 and <= 180))
            {
                throw new FormatException($"{name}: lat must be in [-90, 90] and lon in [-180, 180]");
            }
        }
    }
}
