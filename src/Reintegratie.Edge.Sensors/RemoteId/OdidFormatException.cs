namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>Bytes that are not a valid ASTM F3411 message or message pack; the message says what was expected and what came.</summary>
public sealed class OdidFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public OdidFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OdidFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public OdidFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
