namespace Reintegratie.Edge.Core.Events;

/// <summary>The RF detector's guess of the drone link protocol.</summary>
public enum RfProtocol : byte
{
    /// <summary>Not known.</summary>
    Unknown = 0,
    /// <summary>DJI OcuSync / O2 / O3 / O4.</summary>
    DjiOcuSync = 1,
    /// <summary>DJI Lightbridge.</summary>
    DjiLightbridge = 2,
    /// <summary>Wi-Fi based control or video (Parrot, many toys).</summary>
    WiFi = 3,
    /// <summary>Analogue FPV video (5.8 GHz).</summary>
    AnalogVideo = 4,
    /// <summary>Hobby RC control links (ELRS, FrSky, Crossfire).</summary>
    RcControl = 5,
    /// <summary>Something else the detector named.</summary>
    Other = 6,
}
