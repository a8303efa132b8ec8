namespace Reintegratie.Edge.Core.Events;

/// <summary>
/// A drone detection from any source. Unknown numbers are <see cref="float.NaN"/> / <see cref="double.NaN"/>,
/// never a value that looks real (ASTM F3411 "unknown" encodings such as direction 361 or altitude -1000 map here).
/// </summary>
public struct DroneData
{
    /// <summary>Stable key of the track within its sensor (e.g. <see cref="FixedAscii32.StableHash"/> of the track id).</summary>
    public ulong TrackKey;

    /// <summary>Track id as the sensor gives it (SAPIENT object_id, RF track id, Remote ID UAS id).</summary>
    public FixedAscii32 TrackId;

    /// <summary>Remote ID UAS id (serial number, registration, UTM id) when known.</summary>
    public FixedAscii32 UasId;

    /// <summary>True when <see cref="Latitude"/>/<see cref="Longitude"/> hold a WGS-84 position.</summary>
    public bool HasPosition;

    /// <summary>WGS-84 latitude in degrees.</summary>
    public double Latitude;

    /// <summary>WGS-84 longitude in degrees.</summary>
    public double Longitude;

    /// <summary>Altitude in metres (geodetic where the source gives it, else barometric); NaN when unknown.</summary>
    public float AltitudeM;

    /// <summary>Height above ground or take-off in metres; NaN when unknown.</summary>
    public float HeightM;

    /// <summary>Ground speed in m/s; NaN when unknown.</summary>
    public float SpeedMps;

    /// <summary>Track direction in degrees clockwise from true north; NaN when unknown.</summary>
    public float HeadingDeg;

    /// <summary>True when the operator (pilot) position is known (Remote ID System message).</summary>
    public bool HasOperator;

    /// <summary>Operator latitude in degrees.</summary>
    public double OperatorLatitude;

    /// <summary>Operator longitude in degrees.</summary>
    public double OperatorLongitude;

    /// <summary>True when the detection is (also) a bearing from the sensor.</summary>
    public bool HasBearing;

    /// <summary>Bearing from the sensor in degrees clockwise from true north.</summary>
    public float BearingDeg;

    /// <summary>Elevation from the sensor in degrees; NaN when unknown.</summary>
    public float ElevationDeg;

    /// <summary>Range from the sensor in metres; NaN when unknown.</summary>
    public float RangeM;

    /// <summary>Received signal strength in dBm; NaN when unknown.</summary>
    public float RssiDbm;

    /// <summary>Centre frequency in MHz; NaN when unknown.</summary>
    public float FrequencyMhz;

    /// <summary>Classification confidence 0..1; NaN when unknown.</summary>
    public float Confidence;

    /// <summary>What the object is.</summary>
    public DroneClass Classification;

    /// <summary>RF protocol guess (RF detector, SAPIENT RF sensors).</summary>
    public RfProtocol Protocol;

    /// <summary>ASTM F3411 UA type (0 none … 15 other); 0 when not from Remote ID.</summary>
    public byte UaType;

    /// <summary>EU category (0 undeclared, 1 open, 2 specific, 3 certified).</summary>
    public byte EuCategory;

    /// <summary>EU class (0 undeclared, 1..8 = C0..C6 per ASTM F3411 System message).</summary>
    public byte EuClass;

    /// <summary>Why this Remote ID track looks forged (<see cref="SpoofReasons.None"/> when it does not).</summary>
    public SpoofReasons Spoof;

    /// <summary>
    /// UAS ids one suspect transmitter announced, folded into this one detection's track (<see cref="UasId"/> is the
    /// latest of them); 0 when the track is one aircraft's own.
    /// </summary>
    public int SpoofIdCount;

    /// <summary>A detection with every number unknown.</summary>
    public static DroneData Unknown => new()
    {
        AltitudeM = float.NaN,
        HeightM = float.NaN,
        SpeedMps = float.NaN,
        HeadingDeg = float.NaN,
        ElevationDeg = float.NaN,
        RangeM = float.NaN,
        RssiDbm = float.NaN,
        FrequencyMhz = float.NaN,
        Confidence = float.NaN,
    };
}
