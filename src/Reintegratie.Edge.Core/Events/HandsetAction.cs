namespace Reintegratie.Edge.Core.Events;

/// <summary>What the GSM umbrella did with a handset.</summary>
public enum HandsetAction : byte
{
    /// <summary>Seen only.</summary>
    Detected = 0,
    /// <summary>Refused service (jammed/denied).</summary>
    Denied = 1,
    /// <summary>Allowed (white-listed, e.g. staff or emergency).</summary>
    Allowed = 2,
}
