using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Privacy;

namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>
/// Parses one umbrella JSON line (hardware/protocols/gsm-umbrella.md) with <see cref="Utf8JsonReader"/> over the line
/// bytes: no DOM, no strings. IMSI and IMEI are validated and pseudonymised the moment they are read, so the raw
/// digits exist only in the caller's line buffer. Reasons never contain field values.
/// </summary>
public static class GsmLineParser
{
    private const int Time = 1, Sensor = 2, Technology = 4, Band = 8, Channel = 16, Uplink = 32, Mcc = 64, Mnc = 128,
        Imsi = 256, Imei = 512, Action = 1024;

    private const int Required = Time | Sensor | Technology | Band | Channel | Uplink | Mcc | Mnc | Action;

    /// <summary>Longest text value read (escaped form); identifiers, ids and codes are far shorter.</summary>
    private const int MaxText = 128;

    private static readonly JsonReaderOptions s_options = new() { MaxDepth = 8 };

    /// <summary>Parses a line (without its terminator). On failure <paramref name="reason"/> names the field and what was expected.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, GsmSensorTable sensors, Pseudonymiser pseudonymiser, out GsmLine result, out string reason)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(pseudonymiser);
        result = default;
        result.Handset.Channel = -1;
        result.Handset.Mnc = -1;
        result.Handset.UplinkDbm = float.NaN;
        Span<byte> scratch = stackalloc byte[MaxText];
        try
        {
            var ok = Read(line, sensors, pseudonymiser, scratch, ref result, out reason);
            if (!ok)
            {
                result = default;
            }

            return ok;
        }
        catch (JsonException)
        {
            // The reader's message quotes the offending bytes, which may be identifier digits: keep only the fact.
            result = default;
            reason = "invalid JSON";
            return false;
        }
        catch (InvalidOperationException)
        {
            result = default;
            reason = "invalid JSON value";
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scratch);
        }
    }

    private static bool Read(ReadOnlySpan<byte> line, GsmSensorTable sensors, Pseudonymiser pseudonymiser, Span<byte> scratch, ref GsmLine result, out string reason)
    {
        var reader = new Utf8JsonReader(line, s_options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Fail("expected a JSON object", out reason);
        }

        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(ref reader);
            reader.Read();
            if (field == 0)
            {
                reader.Skip(); // unknown fields are ignored so umbrellas may add their own
                continue;
            }

            if ((seen & field) != 0)
            {
                return Fail("a field occurs twice", out reason);
            }

            seen |= field;
            if (!ReadField(field, ref reader, sensors, pseudonymiser, scratch, ref result, out reason))
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return Fail("expected the end of the object", out reason);
        }

        if (reader.Read())
        {
            return Fail("unexpected data after the object", out reason);
        }

        if ((seen & Required) != Required)
        {
            return Fail(MissingReason(Required & ~seen), out reason);
        }

        reason = string.Empty;
        return true;
    }

    private static int Identify(ref Utf8JsonReader r) =>
        r.ValueTextEquals("time"u8) ? Time :
        r.ValueTextEquals("sensor"u8) ? Sensor :
        r.ValueTextEquals("technology"u8) ? Technology :
        r.ValueTextEquals("band"u8) ? Band :
        r.ValueTextEquals("channel"u8) ? Channel :
        r.ValueTextEquals("uplink_dbm"u8) ? Uplink :
        r.ValueTextEquals("mcc"u8) ? Mcc :
        r.ValueTextEquals("mnc"u8) ? Mnc :
        r.ValueTextEquals("imsi"u8) ? Imsi :
        r.ValueTextEquals("imei"u8) ? Imei :
        r.ValueTextEquals("action"u8) ? Action : 0;

    private static bool ReadField(int field, ref Utf8JsonReader r, GsmSensorTable sensors, Pseudonymiser p, Span<byte> scratch, ref GsmLine result, out string reason)
    {
        reason = string.Empty;
        switch (field)
        {
            case Time:
                return ReadTime(ref r, ref result, out reason);
            case Sensor:
                var n = ReadText(ref r, scratch);
                result.Entry = n > 0 ? sensors.IndexOf(scratch[..n]) : -1;
                return result.Entry >= 0 || Fail("sensor: expected the id of a GSM sensor served by this listener", out reason);
            case Technology:
                result.Handset.Technology = r.TokenType != JsonTokenType.String ? RadioTechnology.Unknown :
                    r.ValueTextEquals("GSM"u8) ? RadioTechnology.Gsm : r.ValueTextEquals("UMTS"u8) ? RadioTechnology.Umts :
                    r.ValueTextEquals("LTE"u8) ? RadioTechnology.Lte : r.ValueTextEquals("NR"u8) ? RadioTechnology.Nr : RadioTechnology.Unknown;
                return result.Handset.Technology != RadioTechnology.Unknown || Fail("technology: expected GSM, UMTS, LTE or NR", out reason);
            case Band:
                var bandOk = r.TokenType == JsonTokenType.Number && r.TryGetInt16(out result.Handset.Band) && result.Handset.Band is >= 0 and <= 1024;
                return bandOk || Fail("band: expected an integer 0-1024", out reason);
            case Channel:
                var channelOk = r.TokenType == JsonTokenType.Number && r.TryGetInt32(out result.Handset.Channel) && result.Handset.Channel >= 0;
                return channelOk || Fail("channel: expected a non-negative integer", out reason);
            case Uplink:
                // Handset uplink power ranges from far below the noise floor to +33 dBm (GSM 900 class 4); allow margin.
                var uplinkOk = r.TokenType == JsonTokenType.Number && r.TryGetDouble(out var dbm) && dbm is >= -200 and <= 60;
                result.Handset.UplinkDbm = uplinkOk ? (float)r.GetDouble() : float.NaN;
                return uplinkOk || Fail("uplink_dbm: expected a number -200 to 60", out reason);
            case Mcc:
                return ReadCode(ref r, scratch, out result.Handset.Mcc) || Fail("mcc: expected a 3-digit mobile country code", out reason);
            case Mnc:
                return ReadCode(ref r, scratch, out result.Handset.Mnc) || Fail("mnc: expected a 2- or 3-digit mobile network code", out reason);
            case Imsi:
                return ReadImsi(ref r, p, scratch, ref result.Handset.Imsi, ref result.PreviousKeyImsi, out reason);
            case Imei:
                return ReadImei(ref r, p, scratch, ref result.Handset.Imei, ref result.PreviousKeyImei, out reason);
            default:
                result.Handset.Action = r.TokenType != JsonTokenType.String ? (HandsetAction)255 :
                    r.ValueTextEquals("detected"u8) ? HandsetAction.Detected : r.ValueTextEquals("denied"u8) ? HandsetAction.Denied :
                    r.ValueTextEquals("allowed"u8) ? HandsetAction.Allowed : (HandsetAction)255;
                return Enum.IsDefined(result.Handset.Action) || Fail("action: expected detected, denied or allowed", out reason);
        }
    }

    private static bool ReadTime(ref Utf8JsonReader r, ref GsmLine result, out string reason)
    {
        reason = string.Empty;
        if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped || !HasZoneDesignator(r.ValueSpan) || !r.TryGetDateTimeOffset(out var t))
        {
            return Fail("time: expected an ISO-8601 time with 'Z' or an offset", out reason);
        }

        result.Time = t.ToUniversalTime();
        return true;
    }

    // ISO 8601 §4.2.5: without 'Z' or an offset the time is local and ambiguous; the wire format requires UTC.
    private static bool HasZoneDesignator(ReadOnlySpan<byte> s)
    {
        var t = s.IndexOfAny((byte)'T', (byte)'t');
        return t >= 0 && s[(t + 1)..].IndexOfAny("Zz+-"u8) >= 0;
    }

    private static bool ReadImsi(ref Utf8JsonReader r, Pseudonymiser p, Span<byte> scratch, ref Pseudonym destination, ref Pseudonym previous, out string reason)
    {
        reason = string.Empty;
        if (r.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        var n = ReadDigits(ref r, scratch);
        if (n == 0)
        {
            return true; // "" = not captured
        }

        // ITU-T E.212 §6.2: MCC (3) + MNC (2-3) + MSIN; at most 15 digits, 14 or 15 in every network in use.
        if (n is < 14 or > 15 || !ImeiCheckDigit.AllDigits(scratch[..n]))
        {
            return Fail("imsi: expected 14 or 15 digits", out reason);
        }

        p.Pseudonymise(IdentifierKind.Imsi, scratch[..n], ref destination);
        p.TryPseudonymisePrevious(IdentifierKind.Imsi, scratch[..n], ref previous);
        return true;
    }

    private static bool ReadImei(ref Utf8JsonReader r, Pseudonymiser p, Span<byte> scratch, ref Pseudonym destination, ref Pseudonym previous, out string reason)
    {
        reason = string.Empty;
        if (r.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        var n = ReadDigits(ref r, scratch);
        if (n == 0)
        {
            return true;
        }

        if (n is < 14 or > 15 || !ImeiCheckDigit.AllDigits(scratch[..n]))
        {
            return Fail("imei: expected 15 digits (or 14 without the check digit)", out reason);
        }

        if (n == 14)
        {
            scratch[14] = ImeiCheckDigit.Compute(scratch[..14]); // TS 23.003 §6.2.1: the CD is not transmitted over the air
        }
        else if (!ImeiCheckDigit.IsValid(scratch[..15]))
        {
            return Fail("imei: the check digit (Luhn, TS 23.003 Annex B) does not match", out reason);
        }

        p.Pseudonymise(IdentifierKind.Imei, scratch[..15], ref destination);
        p.TryPseudonymisePrevious(IdentifierKind.Imei, scratch[..15], ref previous);
        return true;
    }

    private static bool ReadCode(ref Utf8JsonReader r, Span<byte> scratch, out short value)
    {
        value = -1;
        if (r.TokenType == JsonTokenType.Number)
        {
            return r.TryGetInt16(out value) && value is >= 0 and <= 999;
        }

        var n = ReadText(ref r, scratch);
        return n is >= 2 and <= 3 && ImeiCheckDigit.AllDigits(scratch[..n]) &&
            Utf8Parser.TryParse(scratch[..n], out value, out var used) && used == n;
    }

    /// <summary>A string or number value as digits text in <paramref name="scratch"/>; its length, or -1.</summary>
    private static int ReadDigits(ref Utf8JsonReader r, Span<byte> scratch)
    {
        if (r.TokenType == JsonTokenType.Number && r.ValueSpan.Length <= scratch.Length)
        {
            r.ValueSpan.CopyTo(scratch);
            return r.ValueSpan.Length;
        }

        return ReadText(ref r, scratch);
    }

    /// <summary>Unescapes a string value into <paramref name="scratch"/>; its length, or -1 when it is not a string or too long.</summary>
    private static int ReadText(ref Utf8JsonReader r, Span<byte> scratch)
    {
        if (r.TokenType != JsonTokenType.String || r.ValueSpan.Length > scratch.Length)
        {
            return -1; // unescaping never lengthens, so an escaped form that fits is enough
        }

        if (!r.ValueIsEscaped)
        {
            r.ValueSpan.CopyTo(scratch);
            return r.ValueSpan.Length;
        }

        return r.CopyString(scratch);
    }

    private static string MissingReason(int missing) =>
        (missing & Time) != 0 ? "missing field 'time'" :
        (missing & Sensor) != 0 ? "missing field 'sensor'" :
        (missing & Technology) != 0 ? "missing field 'technology'" :
        (missing & Band) != 0 ? "missing field 'band'" :
        (missing & Channel) != 0 ? "missing field 'channel'" :
        (missing & Uplink) != 0 ? "missing field 'uplink_dbm'" :
        (missing & Mcc) != 0 ? "missing field 'mcc'" :
        (missing & Mnc) != 0 ? "missing field 'mnc'" : "missing field 'action'";

    private static bool Fail(string why, out string reason)
    {
        reason = why;
        return false;
    }
}
