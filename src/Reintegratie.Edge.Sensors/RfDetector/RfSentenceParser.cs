using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RfDetector;

/// <summary>
/// Parses <c>$PRFDT</c> sentences (hardware/protocols/rf-detector.md). NMEA 0183 framing: '$', comma-separated fields,
/// mandatory <c>*HH</c> checksum, at most 80 characters before CR LF. Span-based; allocates nothing on success.
/// </summary>
public static class RfSentenceParser
{
    /// <summary>Longest sentence without its CR LF (NMEA 0183: 82 characters including '$' and CR LF).</summary>
    public const int MaxSentenceLength = 80;

    /// <summary>Fields after the address field.</summary>
    public const int FieldCount = 9;

    /// <summary>The address field: P (proprietary) + RFD (manufacturer mnemonic, ours) + T (track sentence).</summary>
    public static ReadOnlySpan<byte> Address => "PRFDT"u8;

    /// <summary>Parses one sentence (a trailing CR LF is allowed); false with a reason saying what was wrong.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out RfSentence sentence, out string? error)
    {
        sentence = default;
        line = line.TrimEnd("\r\n"u8);
        if (line.Length > MaxSentenceLength)
        {
            error = $"Expected at most {MaxSentenceLength} characters before CR LF but got {line.Length}";
            return false;
        }

        if (line.IsEmpty || line[0] != (byte)'$')
        {
            error = "Expected the sentence to start with '$'";
            return false;
        }

        var star = line.LastIndexOf((byte)'*');
        if (star < 0 || star != line.Length - 3)
        {
            error = "Expected a checksum '*HH' at the end (the checksum is mandatory)";
            return false;
        }

        var body = line[1..star];
        if (!Remote.HexPair(line[(star + 1)..], out var given))
        {
            error = $"Expected two hex digits after '*' but got '{(char)line[star + 1]}{(char)line[star + 2]}'";
            return false;
        }

        var computed = NmeaChecksum.Compute(body);
        if (computed != given)
        {
            error = $"Checksum mismatch: sentence says {given:X2}, computed {computed:X2}";
            return false;
        }

        Span<Range> f = stackalloc Range[FieldCount + 1];
        var count = SerialFields.Split(body, f, (byte)',');
        if (count != FieldCount + 1)
        {
            error = $"Expected {FieldCount + 1} comma-separated fields (address + {FieldCount}) but got {(count > FieldCount + 1 ? "more" : count)}";
            return false;
        }

        if (!body[f[0]].SequenceEqual(Address))
        {
            error = "Expected address field PRFDT";
            return false;
        }

        return TryFields(body, f, ref sentence, out error);
    }

    private static bool TryFields(ReadOnlySpan<byte> body, ReadOnlySpan<Range> f, ref RfSentence s, out string? error)
    {
        error = null;
        if (!RfNumber.TryTime(body[f[1]], out s.TimeOfDay))
        {
            error = "Field 1 (time): expected hhmmss or hhmmss.ss UTC";
        }
        else if (!TryId(body[f[2]], ref s.SensorId))
        {
            error = "Field 2 (sensor id): expected 1-8 of letters, digits, '-', '_'";
        }
        else if (!TryId(body[f[3]], ref s.TrackId))
        {
            error = "Field 3 (track id): expected 1-8 of letters, digits, '-', '_'";
        }
        else if (!RfNumber.TryDecimal(body[f[4]], 1, out var bearing) || bearing is < 0 or >= 360)
        {
            error = "Field 4 (bearing): expected degrees 0 to 359.9";
        }
        else if (!TryElevation(body[f[5]], out s.ElevationDeg))
        {
            error = "Field 5 (elevation): expected degrees -90 to 90, or empty";
        }
        else if (!RfNumber.TryDecimal(body[f[6]], 0, out var rssi) || rssi is < -150 or > 30)
        {
            error = "Field 6 (rssi): expected whole dBm -150 to 30";
        }
        else if (!RfNumber.TryDecimal(body[f[7]], 1, out var freq) || freq is <= 0 or >= 10000)
        {
            error = "Field 7 (frequency): expected MHz above 0 and below 10000";
        }
        else if (!RfProtocolNames.TryParse(body[f[8]], out s.Protocol))
        {
            error = "Field 8 (protocol): expected OCUSYNC, LIGHTBRIDGE, WIFI, ANALOG, RC, OTHER or UNKNOWN";
        }
        else if (!RfNumber.TryDecimal(body[f[9]], 0, out var confidence) || confidence is < 0 or > 100)
        {
            error = "Field 9 (confidence): expected a whole percentage 0 to 100";
        }
        else
        {
            s.BearingDeg = (float)bearing;
            s.RssiDbm = (float)rssi;
            s.FrequencyMhz = (float)freq;
            s.ConfidencePercent = (byte)confidence;
            return true;
        }

        return false;
    }

    private static bool TryElevation(ReadOnlySpan<byte> s, out float elevation)
    {
        elevation = float.NaN;
        if (s.IsEmpty)
        {
            return true;
        }

        if (!RfNumber.TryDecimal(s, 1, out var e) || e is < -90 or > 90)
        {
            return false;
        }

        elevation = (float)e;
        return true;
    }

    private static bool TryId(ReadOnlySpan<byte> s, ref Core.Events.FixedAscii32 id)
    {
        if (s.IsEmpty || s.Length > RfSentence.MaxIdLength)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit((char)c) || c is (byte)'-' or (byte)'_'))
            {
                return false;
            }
        }

        id.Set(s);
        return true;
    }

    private static class Remote
    {
        public static bool HexPair(ReadOnlySpan<byte> two, out byte value)
        {
            Span<byte> b = stackalloc byte[1];
            var ok = RemoteId.HexDigits.TryDecode(two, b, out _, out _);
            value = b[0];
            return ok;
        }
    }
}
