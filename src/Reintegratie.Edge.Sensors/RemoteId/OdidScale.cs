namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// Field scalings of F3411-22 Table 6 and 10, both ways. Decoding maps the standard's "unknown" encodings to NaN;
/// encoding maps NaN back to them and keeps known values off those codes.
/// </summary>
public static class OdidScale
{
    /// <summary>Horizontal speed resolution without the multiplier (m/s per count).</summary>
    public const double SpeedStepLow = 0.25;

    /// <summary>Horizontal speed resolution with the multiplier.</summary>
    public const double SpeedStepHigh = 0.75;

    /// <summary>Speed added when the multiplier is set (255 x 0.25).</summary>
    public const double SpeedOffsetHigh = 255 * SpeedStepLow;

    /// <summary>Largest vertical speed the message can carry, m/s; 63 means unknown.</summary>
    public const double MaxVerticalSpeed = 62;

    /// <summary>Tenths of a second in one hour: larger timestamps cannot be "after the hour".</summary>
    public const int TenthsPerHour = 36000;

    /// <summary>Direction: 0..179 plus 180 when the E/W segment bit is set; 361 (or anything past 359) is unknown.</summary>
    public static float Direction(byte raw, bool eastWestSegment)
    {
        var deg = raw + (eastWestSegment ? 180 : 0);
        return deg >= 360 ? float.NaN : deg;
    }

    /// <summary>Horizontal speed; 255 with the multiplier (254.25+ m/s) is unknown.</summary>
    public static float SpeedHorizontal(byte raw, bool multiplier)
    {
        if (!multiplier)
        {
            return (float)(raw * SpeedStepLow);
        }

        return raw == 255 ? float.NaN : (float)((raw * SpeedStepHigh) + SpeedOffsetHigh);
    }

    /// <summary>Vertical speed in 0.5 m/s steps; 63 m/s (and anything past +-62) is unknown.</summary>
    public static float SpeedVertical(sbyte raw)
    {
        var v = raw * 0.5;
        return Math.Abs(v) > MaxVerticalSpeed ? float.NaN : (float)v;
    }

    /// <summary>Altitude and height: 0.5 m steps from -1000 m; 0 (= -1000 m) is unknown.</summary>
    public static float Altitude(ushort raw) => raw == 0 ? float.NaN : (float)((raw * 0.5) - 1000);

    /// <summary>Tenths of a second after the hour; 0xFFFF (or past the hour) is unknown.</summary>
    public static float TenthsAfterHour(ushort raw) => raw >= TenthsPerHour ? float.NaN : (float)(raw / 10.0);

    /// <summary>Latitude/longitude in 1e-7 degrees; 0/0 or out of range is unknown.</summary>
    public static (double Lat, double Lon) Position(int rawLat, int rawLon)
    {
        // Division (not multiplication by 1e-7) gives the double nearest the decimal the encoder wrote.
        var lat = rawLat / 1e7;
        var lon = rawLon / 1e7;
        if ((rawLat == 0 && rawLon == 0) || Math.Abs(lat) > 90 || Math.Abs(lon) > 180)
        {
            return (double.NaN, double.NaN);
        }

        return (lat, lon);
    }

    /// <summary>Encodes a direction: returns (byte, E/W bit); NaN gives the unknown code 361.</summary>
    public static (byte Raw, bool EastWest) EncodeDirection(float deg)
    {
        if (!float.IsFinite(deg))
        {
            return (181, true);
        }

        var d = (int)Math.Round(deg, MidpointRounding.AwayFromZero) % 360;
        if (d < 0)
        {
            d += 360;
        }

        return d >= 180 ? ((byte)(d - 180), true) : ((byte)d, false);
    }

    /// <summary>Encodes a horizontal speed (rounded); NaN gives the unknown code, fast speeds saturate at 254.25 m/s.</summary>
    public static (byte Raw, bool Multiplier) EncodeSpeedHorizontal(float mps)
    {
        if (!float.IsFinite(mps))
        {
            return (255, true);
        }

        var s = Math.Max(0, (double)mps);
        if (s <= SpeedOffsetHigh)
        {
            return ((byte)Math.Round(s / SpeedStepLow, MidpointRounding.AwayFromZero), false);
        }

        var raw = Math.Round((s - SpeedOffsetHigh) / SpeedStepHigh, MidpointRounding.AwayFromZero);
        return ((byte)Math.Min(raw, 254), true);
    }

    /// <summary>Encodes a vertical speed (truncated to 0.5 m/s, clamped to +-62); NaN gives the unknown code 63.</summary>
    public static sbyte EncodeSpeedVertical(float mps) =>
        !float.IsFinite(mps) ? (sbyte)126 : (sbyte)(int)(Math.Clamp(mps, -MaxVerticalSpeed, MaxVerticalSpeed) / 0.5);

    /// <summary>Encodes an altitude (rounded to 0.5 m, clamped to -999.5..31767.5); NaN gives 0.</summary>
    public static ushort EncodeAltitude(float m) =>
        !float.IsFinite(m) ? (ushort)0 : (ushort)Math.Clamp(Math.Round((m + 1000.0) / 0.5, MidpointRounding.AwayFromZero), 1, ushort.MaxValue);

    /// <summary>Encodes seconds after the hour in tenths; NaN gives 0xFFFF.</summary>
    public static ushort EncodeTenthsAfterHour(float seconds) =>
        !float.IsFinite(seconds) ? ushort.MaxValue : (ushort)Math.Clamp(Math.Round(seconds * 10.0, MidpointRounding.AwayFromZero), 0, TenthsPerHour - 1);

    /// <summary>Encodes a coordinate in 1e-7 degrees; NaN gives 0.</summary>
    public static int EncodeCoordinate(double deg) =>
        double.IsFinite(deg) ? (int)Math.Round(Math.Clamp(deg, -180, 180) * 1e7, MidpointRounding.AwayFromZero) : 0;
}
