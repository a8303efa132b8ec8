namespace Reintegratie.Edge.Core.Events;

/// <summary>The sensor family an event came from.</summary>
public enum SensorFamily : byte
{
    /// <summary>Not known (e.g. gateway-internal).</summary>
    Unknown = 0,
    /// <summary>ASTM F3411 Remote ID receiver.</summary>
    RemoteId = 1,
    /// <summary>BSI Flex 335 v2 SAPIENT sensor node.</summary>
    Sapient = 2,
    /// <summary>RF drone detector (NMEA-framed sentences).</summary>
    RfDetector = 3,
    /// <summary>Fence or net contact on GPIO (contact, dual, eol).</summary>
    Perimeter = 4,
    /// <summary>GSM umbrella (handset detections).</summary>
    Gsm = 5,
    /// <summary>Bodycam upload metadata.</summary>
    Bodycam = 6,
    /// <summary>The gateway itself (commands, broker path, journal).</summary>
    Gateway = 7,
}
