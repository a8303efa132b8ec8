using System.Text.Json;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Journal.Reading;

/// <summary>
/// The inverse of <see cref="EventPayloadWriter"/>: turns a journaled event or command row back into the
/// <see cref="SensorEvent"/> fusion saw (for <c>edgectl replay</c>). Sensor and zone are looked up by id in the site
/// given, so a what-if site with other zones places the same events differently. Pseudonyms come back as their
/// journaled 16-byte prefix: enough for fusion, which only compares them.
/// </summary>
public static class EventPayloadReader
{
    /// <summary>Fills <paramref name="into"/> from <paramref name="row"/>; false with a reason when the row cannot be read.</summary>
    public static bool TryRead(JournalRow row, SiteModel site, SensorEvent into, out string reason)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(into);
        if (row.Payload is null)
        {
            reason = "payload purged by retention";
            return false;
        }

        if (row.Kind is null || !EventKindExtensions.TryParseCode(row.Kind, out var kind) || kind == EventKind.None)
        {
            reason = $"unknown event kind '{row.Kind}'";
            return false;
        }

        if (!JournalTime.TryParse(row.At, out var at))
        {
            reason = $"unreadable time '{row.At}'";
            return false;
        }

        var sensor = site.SensorIndexOf(row.Sensor);
        var family = sensor >= 0 ? site.Sensors[sensor].Family : SensorFamily.Gateway;
        into.SetHeader(new EventHeader(kind, family, sensor, site.ZoneIndexOf(row.Zone), at));
        into.EventId = row.EventId ?? 0;
        into.Drone = DroneData.Unknown;
        into.Perimeter = default;
        into.Health = default;
        into.Handset = default;
        try
        {
            using var doc = JsonDocument.Parse(row.Payload);
            var p = doc.RootElement;
            switch (kind)
            {
                case EventKind.DroneDetection:
                    ReadDrone(p, ref into.Drone);
                    break;
                case EventKind.Perimeter:
                    ReadPerimeter(p, ref into.Perimeter);
                    break;
                case EventKind.SensorHealth or EventKind.Gateway:
                    into.Health.Status = Code<SensorStatus>(p, "status");
                    into.Health.Previous = Code<SensorStatus>(p, "previous");
                    into.Health.Reason.Set(Text(p, "reason") ?? string.Empty);
                    break;
                case EventKind.Handset:
                    ReadHandset(p, ref into.Handset);
                    break;
                case EventKind.Bodycam:
                    into.Attachment = ReadBodycam(p);
                    break;
                case EventKind.Command:
                    into.Attachment = ReadCommand(p);
                    break;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            reason = $"unreadable {row.Kind} payload: {e.Message}";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static void ReadDrone(JsonElement p, ref DroneData d)
    {
        d.TrackId.Set(Text(p, "track_id") ?? string.Empty);
        d.TrackKey = d.TrackId.StableHash(); // every adapter keys a track by the hash of its track id
        d.UasId.Set(Text(p, "uas_id") ?? string.Empty);
        var lat = Number(p, "lat");
        var lon = Number(p, "lon");
        d.HasPosition = double.IsFinite(lat) && double.IsFinite(lon);
        (d.Latitude, d.Longitude) = d.HasPosition ? (lat, lon) : (double.NaN, double.NaN);
        d.AltitudeM = Single(p, "alt_m");
        d.HeightM = Single(p, "height_m");
        d.SpeedMps = Single(p, "speed_mps");
        d.HeadingDeg = Single(p, "heading_deg");
        var olat = Number(p, "operator_lat");
        var olon = Number(p, "operator_lon");
        d.HasOperator = double.IsFinite(olat) && double.IsFinite(olon);
        (d.OperatorLatitude, d.OperatorLongitude) = d.HasOperator ? (olat, olon) : (double.NaN, double.NaN);
        d.BearingDeg = Single(p, "bearing_deg");
        d.HasBearing = float.IsFinite(d.BearingDeg);
        d.ElevationDeg = Single(p, "elevation_deg");
        d.RangeM = Single(p, "range_m");
        d.RssiDbm = Single(p, "rssi_dbm");
        d.FrequencyMhz = Single(p, "frequency_mhz");
        d.Confidence = Single(p, "confidence");
        d.Classification = Code<DroneClass>(p, "classification");
        d.Protocol = Code<RfProtocol>(p, "protocol");
        d.UaType = (byte)Integer(p, "ua_type");
        d.EuCategory = (byte)Integer(p, "eu_category");
        d.EuClass = (byte)Integer(p, "eu_class");
        d.Spoof = (SpoofReasons)Integer(p, "spoof");
        d.SpoofIdCount = (int)Integer(p, "spoof_id_count");
    }

    private static void ReadPerimeter(JsonElement p, ref PerimeterData d)
    {
        d.State = Code<PerimeterState>(p, "state");
        d.Previous = Code<PerimeterState>(p, "previous");
        d.Mode = Code<PerimeterMode>(p, "mode");
        d.TransitionsPerMinute = (ushort)Integer(p, "transitions_per_minute");
        d.RawAdc = p.TryGetProperty("raw_adc", out var adc) && adc.ValueKind == JsonValueKind.Number ? adc.GetInt16() : (short)-1;
        d.FromSupervision = p.TryGetProperty("from_supervision", out var s) && s.ValueKind == JsonValueKind.True;
    }

    private static void ReadHandset(JsonElement p, ref HandsetData h)
    {
        ReadPseudonym(Text(p, "imsi"), ref h.Imsi);
        ReadPseudonym(Text(p, "imei"), ref h.Imei);
        h.Technology = Code<RadioTechnology>(p, "technology");
        h.Band = (short)Integer(p, "band");
        h.Channel = (int)Integer(p, "channel");
        h.UplinkDbm = Single(p, "uplink_dbm");
        h.Mcc = (short)Integer(p, "mcc");
        h.Mnc = (short)Integer(p, "mnc");
        h.Action = Code<HandsetAction>(p, "action");
        h.NewInZone = p.TryGetProperty("new_in_zone", out var n) && n.ValueKind == JsonValueKind.True;
    }

    /// <summary><c>k{keyId}:{hex}</c> (<see cref="Pseudonym.ToString"/>) back into a pseudonym; absent stays absent.</summary>
    private static void ReadPseudonym(string? text, ref Pseudonym into)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon < 2 || text[0] != 'k')
        {
            return;
        }

        Span<byte> bytes = stackalloc byte[Pseudonym.Size];
        bytes.Clear();
        var hex = Convert.FromHexString(text.AsSpan(colon + 1));
        hex.AsSpan(0, Math.Min(hex.Length, bytes.Length)).CopyTo(bytes);
        into.Set(bytes, byte.Parse(text.AsSpan(1, colon - 1), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static BodycamRecording ReadBodycam(JsonElement p)
    {
        var lat = Number(p, "lat");
        var lon = Number(p, "lon");
        return new BodycamRecording
        {
            RecordingId = Text(p, "recording_id") ?? string.Empty,
            DeviceSerial = Text(p, "device_serial") ?? string.Empty,
            WearerPseudonym = Text(p, "wearer") ?? string.Empty,
            Start = p.GetProperty("start").GetDateTimeOffset(),
            End = p.GetProperty("end").GetDateTimeOffset(),
            Sha256 = Text(p, "sha256") ?? string.Empty,
            SizeBytes = Integer(p, "size_bytes"),
            Trigger = Text(p, "trigger") ?? string.Empty,
            Unit = Text(p, "unit") ?? string.Empty,
            Latitude = double.IsFinite(lat) ? lat : null,
            Longitude = double.IsFinite(lon) ? lon : null,
            UploadedAt = p.GetProperty("uploaded_at").GetDateTimeOffset(),
            SourceSystem = Text(p, "source_system") ?? string.Empty,
        };
    }

    private static OperatorCommand ReadCommand(JsonElement p) => new()
    {
        Verb = Code<CommandVerb>(p, "verb"),
        Sender = Text(p, "sender") ?? string.Empty,
        KeyId = Text(p, "key_id"),
        IssuedAt = Time(p, "issued_at"),
        Nonce = Text(p, "nonce"),
        Refusal = Text(p, "refusal"),
        RefusalsNotJournaled = Integer(p, "refusals_not_journaled"),
        Redelivery = p.TryGetProperty("redelivery", out var r) && r.ValueKind == JsonValueKind.True,
        AlertId = Text(p, "alert_id"),
        Operator = Text(p, "operator"),
        Note = Text(p, "note"),
        Zone = Text(p, "zone"),
        Until = Time(p, "until"),
        Reason = Text(p, "reason"),
        CorrelationId = Text(p, "correlation_id"),
    };

    private static string? Text(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double Number(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

    // Floats were written as floats (shortest round-trip text): read them as floats, not through a double.
    private static float Single(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetSingle() : float.NaN;

    private static long Integer(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;

    private static DateTimeOffset? Time(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetDateTimeOffset() : null;

    private static T Code<T>(JsonElement p, string name)
        where T : struct, Enum =>
        EnumCode<T>.TryParse(Text(p, name), out var value) ? value : default;
}
