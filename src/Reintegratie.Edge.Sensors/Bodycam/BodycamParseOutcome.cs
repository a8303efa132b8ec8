namespace Reintegratie.Edge.Sensors.Bodycam;

/// <summary>The result of parsing a sidecar.</summary>
public enum BodycamParseOutcome
{
    /// <summary>A valid recording.</summary>
    Valid = 0,

    /// <summary>The JSON ends before the object is complete: perhaps still being written.</summary>
    Incomplete = 1,

    /// <summary>Not a valid sidecar (the reason says why).</summary>
    Invalid = 2,
}
