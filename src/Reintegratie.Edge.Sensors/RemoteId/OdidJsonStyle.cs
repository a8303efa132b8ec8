namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>How <see cref="OdidJsonWriter"/> writes numbers the message marks unknown.</summary>
public enum OdidJsonStyle
{
    /// <summary><c>null</c>: a consumer can never mistake "unknown" for a measurement (the default).</summary>
    UnknownAsNull = 0,

    /// <summary>
    /// The reference decoder's placeholders (direction 361, speed 255, vertical speed 63, altitude -1000,
    /// timestamp 65535, latitude/longitude 0), for comparing byte-for-byte with opendroneid-core-c output.
    /// </summary>
    Reference = 1,
}
