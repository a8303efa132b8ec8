namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// The byte stream is not a sequence of length-prefixed SapientMessages (zero, negative or oversize length,
/// a truncated frame, or a payload that is not protobuf). Frame boundaries are lost, so the connection closes.
/// </summary>
public sealed class SapientFrameException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SapientFrameException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public SapientFrameException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    public SapientFrameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
