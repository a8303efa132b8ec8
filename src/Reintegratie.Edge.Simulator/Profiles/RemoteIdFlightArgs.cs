using System.Text.Json;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>Arguments of the Remote ID "fly" action.</summary>
/// <param name="UasId">UAS id (serial number) the aircraft broadcasts.</param>
/// <param name="FromLat">Start latitude.</param>
/// <param name="FromLon">Start longitude.</param>
/// <param name="ToLat">End latitude.</param>
/// <param name="ToLon">End longitude.</param>
/// <param name="OperatorLat">Operator latitude (NaN: not broadcast).</param>
/// <param name="OperatorLon">Operator longitude.</param>
/// <param name="Seconds">Flight duration.</param>
/// <param name="RateHz">Frames per second.</param>
/// <param name="AltitudeM">Geodetic altitude.</param>
/// <param name="Transport">RID transport word (BT4, BT5, WIFI_BEACON, WIFI_NAN).</param>
public sealed record RemoteIdFlightArgs(
    string UasId, double FromLat, double FromLon, double ToLat, double ToLon, double OperatorLat, double OperatorLon,
    double Seconds, double RateHz, float AltitudeM, string Transport)
{
    /// <summary>Reads the action's JSON arguments; a missing or wrong argument throws <see cref="ArgumentException"/> naming it.</summary>
    public static RemoteIdFlightArgs Parse(JsonElement args)
    {
        if (args.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("fly: args must be an object {uasId, from, to, operator, seconds, rateHz, altitudeM, transport}");
        }

        var (fromLat, fromLon) = Point(args, "from", required: true);
        var (toLat, toLon) = Point(args, "to", required: true);
        var (opLat, opLon) = Point(args, "operator", required: false);
        var transport = args.TryGetProperty("transport", out var t) ? t.GetString() ?? "BT5" : "BT5";
        if (transport is not ("BT4" or "BT5" or "WIFI_BEACON" or "WIFI_NAN"))
        {
            throw new ArgumentException($"fly: transport must be BT4, BT5, WIFI_BEACON or WIFI_NAN, got '{transport}'");
        }

        var seconds = Number(args, "seconds", 30);
        var rate = Number(args, "rateHz", 1);
        if (!(seconds > 0) || !(rate is > 0 and <= 50))
        {
            throw new ArgumentException($"fly: seconds must be > 0 and rateHz in (0, 50], got {seconds} and {rate}");
        }

        var uasId = args.TryGetProperty("uasId", out var u) ? u.GetString() : null;
        if (string.IsNullOrEmpty(uasId) || uasId.Length > 20)
        {
            throw new ArgumentException("fly: uasId is required (1-20 characters)");
        }

        return new RemoteIdFlightArgs(uasId, fromLat, fromLon, toLat, toLon, opLat, opLon, seconds, rate, (float)Number(args, "altitudeM", 60), transport);
    }

    private static double Number(JsonElement args, string name, double defaultValue) =>
        args.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new ArgumentException($"fly: {name} must be a number") : defaultValue;

    private static (double Lat, double Lon) Point(JsonElement args, string name, bool required)
    {
        if (!args.TryGetProperty(name, out var p))
        {
            return required ? throw new ArgumentException($"fly: {name} {{lat, lon}} is required") : (double.NaN, double.NaN);
        }

        if (p.ValueKind != JsonValueKind.Object || !p.TryGetProperty("lat", out var lat) || !p.TryGetProperty("lon", out var lon)
            || lat.ValueKind != JsonValueKind.Number || lon.ValueKind != JsonValueKind.Number)
        {
            throw new ArgumentException($"fly: {name} must be {{\"lat\": number, \"lon\": number}}");
        }

        return (lat.GetDouble(), lon.GetDouble());
    }
}
