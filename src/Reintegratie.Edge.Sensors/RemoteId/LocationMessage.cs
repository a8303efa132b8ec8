namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// A decoded Location/Vector message (F3411-22 5.4.5.8). Every number the message marks unknown is NaN, never the
/// spec's placeholder (361 degrees, 255 m/s, -1000 m, 0xFFFF tenths): those are not positions or speeds.
/// </summary>
public struct LocationMessage
{
    /// <summary>Header protocol version.</summary>
    public byte ProtocolVersion;

    /// <summary>Operational status: 0 undeclared, 1 ground, 2 airborne, 3 emergency, 4 remote ID system failure.</summary>
    public byte Status;

    /// <summary>Height reference: 0 above take-off, 1 above ground.</summary>
    public byte HeightType;

    /// <summary>Track direction in degrees clockwise from true north (0..359); NaN when unknown.</summary>
    public float DirectionDeg;

    /// <summary>Horizontal speed in m/s; NaN when unknown.</summary>
    public float SpeedHorizontalMps;

    /// <summary>Vertical speed in m/s, up positive; NaN when unknown.</summary>
    public float SpeedVerticalMps;

    /// <summary>Latitude in degrees; NaN when unknown (the message encodes 0/0).</summary>
    public double Latitude;

    /// <summary>Longitude in degrees; NaN when unknown.</summary>
    public double Longitude;

    /// <summary>Pressure altitude in metres; NaN when unknown.</summary>
    public float AltitudeBaroM;

    /// <summary>Geodetic (WGS-84 HAE) altitude in metres; NaN when unknown.</summary>
    public float AltitudeGeoM;

    /// <summary>Height in metres above <see cref="HeightType"/>'s reference; NaN when unknown.</summary>
    public float HeightM;

    /// <summary>Horizontal accuracy code (0 unknown .. 12 &lt; 1 m).</summary>
    public byte HorizAccuracy;

    /// <summary>Vertical accuracy code (0 unknown .. 6 &lt; 1 m).</summary>
    public byte VertAccuracy;

    /// <summary>Barometric altitude accuracy code.</summary>
    public byte BaroAccuracy;

    /// <summary>Speed accuracy code (0 unknown .. 4 &lt; 0.3 m/s).</summary>
    public byte SpeedAccuracy;

    /// <summary>Timestamp accuracy in tenths of a second (0 unknown).</summary>
    public byte TsAccuracy;

    /// <summary>Seconds after the full hour (0.1 s resolution); NaN when unknown.</summary>
    public float TimestampSAfterHour;

    /// <summary>True when latitude and longitude are known.</summary>
    public readonly bool HasPosition => !double.IsNaN(Latitude) && !double.IsNaN(Longitude);
}
