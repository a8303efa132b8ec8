namespace Reintegratie.Edge.Sensors.Links;

/// <summary>The answer when a link speaks for a sensor.</summary>
public enum LinkClaim
{
    /// <summary>The link is the sensor's one live link.</summary>
    Held,

    /// <summary>The link's identity (certificate or address) is not this sensor's: a forged identity.</summary>
    Forged,

    /// <summary>Another live link already speaks for the sensor.</summary>
    Duplicate,
}
