namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>What <see cref="RemoteIdCaptureDecoder"/> made of one captured packet.</summary>
public enum CaptureDecodeResult
{
    /// <summary>A Remote ID frame (single message or pack) was found.</summary>
    RemoteId,

    /// <summary>A valid packet that carries no Remote ID (other beacons, other advertisers).</summary>
    NotRemoteId,

    /// <summary>The 802.11 FCS or the Bluetooth LE CRC failed (or the capture marks it bad): counted, not decoded.</summary>
    BadChecksum,

    /// <summary>A packet too short for its headers, or a Remote ID element whose length is wrong.</summary>
    Malformed,

    /// <summary>A link type we do not read.</summary>
    UnsupportedLinkType,
}
