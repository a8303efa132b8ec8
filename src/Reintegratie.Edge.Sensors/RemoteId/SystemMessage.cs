namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>A decoded System message (F3411-22 5.4.5.11). Unknown numbers are NaN.</summary>
public struct SystemMessage
{
    /// <summary>Seconds between the Unix epoch and the F3411 epoch 2019-01-01T00:00:00Z.</summary>
    public const long Epoch2019Unix = 1546300800;

    /// <summary>Header protocol version.</summary>
    public byte ProtocolVersion;

    /// <summary>Operator location type: 0 take-off, 1 live GNSS, 2 fixed.</summary>
    public byte OperatorLocationType;

    /// <summary>Classification type: 0 undeclared, 1 EU.</summary>
    public byte ClassificationType;

    /// <summary>Operator latitude; NaN when unknown.</summary>
    public double OperatorLatitude;

    /// <summary>Operator longitude; NaN when unknown.</summary>
    public double OperatorLongitude;

    /// <summary>Number of aircraft in the area (group operations).</summary>
    public ushort AreaCount;

    /// <summary>Area radius in metres (10 m steps).</summary>
    public int AreaRadiusM;

    /// <summary>Area ceiling (WGS-84 HAE) in metres; NaN when unknown.</summary>
    public float AreaCeilingM;

    /// <summary>Area floor in metres; NaN when unknown.</summary>
    public float AreaFloorM;

    /// <summary>EU category: 0 undeclared, 1 open, 2 specific, 3 certified.</summary>
    public byte CategoryEu;

    /// <summary>EU class: 0 undeclared, 1..7 = C0..C6.</summary>
    public byte ClassEu;

    /// <summary>Operator geodetic altitude in metres; NaN when unknown.</summary>
    public float OperatorAltitudeGeoM;

    /// <summary>Seconds since 2019-01-01T00:00:00Z.</summary>
    public uint TimestampSince2019;

    /// <summary>True when the operator position is known.</summary>
    public readonly bool HasOperatorPosition => !double.IsNaN(OperatorLatitude) && !double.IsNaN(OperatorLongitude);

    /// <summary>The timestamp as Unix seconds.</summary>
    public readonly long TimestampUnix => TimestampSince2019 + Epoch2019Unix;
}
