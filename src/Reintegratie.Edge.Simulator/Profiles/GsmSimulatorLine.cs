using System.Buffers;
using System.Text.Json;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>Writes one umbrella JSON line from scenario args, generating whatever they leave out.</summary>
public static class GsmSimulatorLine
{
    /// <summary>The line's UTF-8 bytes, terminated by <c>\n</c>.</summary>
    public static byte[] Build(JsonElement args, string sensorId, DateTimeOffset now, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var mcc = IntegerArg(args, "mcc") ?? 204;
        var mnc = IntegerArg(args, "mnc") ?? int.Parse(GsmIdentifiers.Mnc(random, mcc), System.Globalization.CultureInfo.InvariantCulture);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("time", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("sensor", sensorId);
            w.WriteString("technology", TextArg(args, "technology") ?? "LTE");
            w.WriteNumber("band", IntegerArg(args, "band") ?? 20);
            w.WriteNumber("channel", IntegerArg(args, "channel") ?? 6300);
            w.WriteNumber("uplink_dbm", NumberArg(args, "uplinkDbm") ?? Math.Round(-90 + (random.NextDouble() * 60), 1));
            w.WriteNumber("mcc", mcc);
            w.WriteNumber("mnc", mnc);
            w.WriteString("imsi", TextArg(args, "imsi") ?? GsmIdentifiers.Imsi(random, mcc, mnc.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)));
            w.WriteString("imei", TextArg(args, "imei") ?? GsmIdentifiers.Imei(random));
            w.WriteString("action", TextArg(args, "action") ?? "detected");
            w.WriteEndObject();
        }

        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    /// <summary>An integer argument, or null.</summary>
    public static int? IntegerArg(JsonElement args, string name) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    /// <summary>A number argument, or null.</summary>
    public static double? NumberArg(JsonElement args, string name) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>A text argument (numbers given as text too), or null.</summary>
    public static string? TextArg(JsonElement args, string name) =>
        args.ValueKind != JsonValueKind.Object || !args.TryGetProperty(name, out var v) ? null :
        v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null;
}
