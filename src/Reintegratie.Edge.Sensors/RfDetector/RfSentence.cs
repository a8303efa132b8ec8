using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.RfDetector;

/// <summary>
/// One <c>$PRFDT</c> detection sentence (hardware/protocols/rf-detector.md): a drone radio heard on a bearing.
/// </summary>
public struct RfSentence
{
    /// <summary>Longest sensor and track id in the sentence (keeps the sentence within NMEA's 82 characters).</summary>
    public const int MaxIdLength = 8;

    /// <summary>UTC time of day of the detection (10 ms resolution).</summary>
    public TimeSpan TimeOfDay;

    /// <summary>Detector head id (letters, digits, '-', '_').</summary>
    public FixedAscii32 SensorId;

    /// <summary>Detector track id, stable while the detector follows one emitter.</summary>
    public FixedAscii32 TrackId;

    /// <summary>Bearing from the detector, degrees clockwise from true north, [0, 360).</summary>
    public float BearingDeg;

    /// <summary>Elevation in degrees [-90, 90]; NaN when the detector has no elevation (empty field).</summary>
    public float ElevationDeg;

    /// <summary>Received signal strength, whole dBm [-150, 30].</summary>
    public float RssiDbm;

    /// <summary>Centre frequency in MHz (0.1 MHz resolution), (0, 10000).</summary>
    public float FrequencyMhz;

    /// <summary>Protocol guess.</summary>
    public RfProtocol Protocol;

    /// <summary>Confidence of the protocol guess, percent 0..100.</summary>
    public byte ConfidencePercent;

    /// <summary>The drone detection this sentence reports: bearing only, classification <see cref="DroneClass.UavTransmitter"/>.</summary>
    public readonly DroneData ToDroneData()
    {
        var d = DroneData.Unknown;
        d.TrackId = TrackId;
        d.TrackKey = TrackId.StableHash();
        d.HasBearing = true;
        d.BearingDeg = BearingDeg;
        d.ElevationDeg = ElevationDeg;
        d.RssiDbm = RssiDbm;
        d.FrequencyMhz = FrequencyMhz;
        d.Confidence = ConfidencePercent / 100f;
        d.Classification = DroneClass.UavTransmitter;
        d.Protocol = Protocol;
        return d;
    }
}
