using System.Text.Json;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Privacy;

namespace Reintegratie.Edge.Sensors.Bodycam;

/// <summary>The fields of a sidecar as they are read, checked one by one, then assembled into a <see cref="BodycamRecording"/>.</summary>
internal sealed class BodycamSidecarFields
{
    internal const int Unknown = 0, RecordingId = 1, DeviceSerial = 2, WearerId = 3, StartUtc = 4, EndUtc = 5, Sha256 = 6,
        SizeBytes = 7, Trigger = 8, UnitField = 9, Lat = 10, Lon = 11, UploadedAt = 12, SourceSystem = 13;

    private static readonly string[] s_names =
        ["", "recording_id", "device_serial", "wearer_id", "start_utc", "end_utc", "sha256", "size_bytes", "trigger", "unit", "lat", "lon", "uploaded_at", "source_system"];

    private readonly string?[] _text = new string?[s_names.Length];
    private int _seen;
    private Pseudonym _wearer;
    private DateTimeOffset _start, _end, _uploaded;
    private long _size;
    private double? _lat, _lon;

    public static int Identify(ref Utf8JsonReader r)
    {
        for (var i = 1; i < s_names.Length; i++)
        {
            if (r.ValueTextEquals(s_names[i]))
            {
                return i;
            }
        }

        return Unknown;
    }

    public bool Read(int field, ref Utf8JsonReader r, Pseudonymiser p, out string reason)
    {
        reason = string.Empty;
        if ((_seen & (1 << field)) != 0)
        {
            return Fail($"the field '{s_names[field]}' occurs twice", out reason);
        }

        _seen |= 1 << field;
        switch (field)
        {
            case WearerId:
                return BodycamSidecarParser.TryPseudonymiseWearer(ref r, p, out _wearer) || Fail("wearer_id: expected a non-empty text of at most 128 characters", out reason);
            case StartUtc:
                return ReadTime(ref r, out _start) || Fail("start_utc: expected an ISO-8601 time with 'Z' or an offset", out reason);
            case EndUtc:
                return ReadTime(ref r, out _end) || Fail("end_utc: expected an ISO-8601 time with 'Z' or an offset", out reason);
            case UploadedAt:
                return ReadTime(ref r, out _uploaded) || Fail("uploaded_at: expected an ISO-8601 time with 'Z' or an offset", out reason);
            case SizeBytes:
                return (r.TokenType == JsonTokenType.Number && r.TryGetInt64(out _size) && _size >= 0) || Fail("size_bytes: expected a non-negative integer", out reason);
            case Lat:
                _lat = r.TokenType == JsonTokenType.Number && r.TryGetDouble(out var lat) && lat is >= -90 and <= 90 ? lat : null;
                return _lat.HasValue || r.TokenType == JsonTokenType.Null || Fail("lat: expected a latitude in [-90, 90]", out reason);
            case Lon:
                _lon = r.TokenType == JsonTokenType.Number && r.TryGetDouble(out var lon) && lon is >= -180 and <= 180 ? lon : null;
                return _lon.HasValue || r.TokenType == JsonTokenType.Null || Fail("lon: expected a longitude in [-180, 180]", out reason);
            default:
                return ReadText(field, ref r, out reason);
        }
    }

    public bool TryBuild(out BodycamRecording? recording, out string reason)
    {
        recording = null;
        for (var f = 1; f < s_names.Length; f++)
        {
            if (f is not Lat and not Lon && (_seen & (1 << f)) == 0)
            {
                return Fail($"missing field '{s_names[f]}'", out reason);
            }
        }

        if (_lat.HasValue != _lon.HasValue)
        {
            return Fail("lat and lon: give both or neither", out reason);
        }

        if (_end < _start)
        {
            return Fail("end_utc is before start_utc", out reason);
        }

        if ((_end - _start).TotalHours > BodycamSidecarParser.MaxDuration.TotalHours)
        {
            return Fail("the recording is longer than 24 hours", out reason);
        }

        recording = new BodycamRecording
        {
            RecordingId = _text[RecordingId]!,
            DeviceSerial = _text[DeviceSerial]!,
            WearerPseudonym = _wearer.ToString(),
            Start = _start,
            End = _end,
            Sha256 = _text[Sha256]!,
            SizeBytes = _size,
            Trigger = _text[Trigger]!,
            Unit = _text[UnitField]!,
            Latitude = _lat,
            Longitude = _lon,
            UploadedAt = _uploaded,
            SourceSystem = _text[SourceSystem]!,
        };
        reason = string.Empty;
        return true;
    }

    private bool ReadText(int field, ref Utf8JsonReader r, out string reason)
    {
        reason = string.Empty;
        var value = r.TokenType == JsonTokenType.String && r.ValueSpan.Length <= BodycamSidecarParser.MaxText * 6 ? r.GetString()!.Trim() : null;
        if (value is null || value.Length is 0 or > BodycamSidecarParser.MaxText || value.Any(char.IsControl))
        {
            return Fail($"{s_names[field]}: expected a non-empty text of at most {BodycamSidecarParser.MaxText} characters", out reason);
        }

        if (field == RecordingId && !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            // The id names the file in processed/ (the idempotency index), so it must be a safe file name.
            return Fail("recording_id: expected only letters, digits, '-' and '_'", out reason);
        }

        if (field == Sha256)
        {
            if (value.Length != 64 || !value.All(char.IsAsciiHexDigit))
            {
                return Fail("sha256: expected 64 hexadecimal digits", out reason);
            }

            value = value.ToLowerInvariant();
        }

        _text[field] = value;
        return true;
    }

    private static bool ReadTime(ref Utf8JsonReader r, out DateTimeOffset value)
    {
        value = default;
        if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped || !r.TryGetDateTimeOffset(out var t))
        {
            return false;
        }

        // ISO 8601 §4.2.5: without 'Z' or an offset a time is local and ambiguous; sidecar times are UTC.
        var s = r.ValueSpan;
        var tPos = s.IndexOfAny((byte)'T', (byte)'t');
        if (tPos < 0 || s[(tPos + 1)..].IndexOfAny("Zz+-"u8) < 0)
        {
            return false;
        }

        value = t.ToUniversalTime();
        return true;
    }

    private static bool Fail(string why, out string reason)
    {
        reason = why;
        return false;
    }
}
