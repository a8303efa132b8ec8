namespace Reintegratie.Edge.Sensors.RemoteId.Capture.Relay;

/// <summary>
/// The capture unit of a live source is not there: it closed the relay, or did not connect within the grace time. The
/// adapter faults the sensor (<c>sensor_fault</c>, <c>capture_unit_gone</c>) until packets flow again.
/// </summary>
public sealed class CaptureUnitGoneException : IOException
{
    /// <summary>Creates the exception.</summary>
    public CaptureUnitGoneException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CaptureUnitGoneException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CaptureUnitGoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
