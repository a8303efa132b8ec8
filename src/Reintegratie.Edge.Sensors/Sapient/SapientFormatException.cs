namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>A frame or document is not a SapientMessage at all (as opposed to one that breaks a rule).</summary>
public sealed class SapientFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SapientFormatException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public SapientFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    public SapientFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
