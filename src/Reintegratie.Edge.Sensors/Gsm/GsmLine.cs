using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>One parsed umbrella line. Identifiers are already pseudonyms; the raw digits never leave the parser.</summary>
public struct GsmLine
{
    /// <summary>The line's <c>time</c>, in UTC.</summary>
    public DateTimeOffset Time;

    /// <summary>Position of the line's <c>sensor</c> in the <see cref="GsmSensorTable"/> it was parsed against.</summary>
    public int Entry;

    /// <summary>The handset detection (<see cref="HandsetData.NewInZone"/> is decided later by the adapter).</summary>
    public HandsetData Handset;

    /// <summary>The IMSI under the previous key, during a key rotation (for novelty only; never published).</summary>
    public Pseudonym PreviousKeyImsi;

    /// <summary>The IMEI under the previous key, during a key rotation (for novelty only; never published).</summary>
    public Pseudonym PreviousKeyImei;
}
