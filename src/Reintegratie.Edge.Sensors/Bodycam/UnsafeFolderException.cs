namespace Reintegratie.Edge.Sensors.Bodycam;

/// <summary>A bodycam side folder is not a directory of the service user with mode 0700; the message says which and why.</summary>
public sealed class UnsafeFolderException : IOException
{
    /// <summary>Creates the exception.</summary>
    public UnsafeFolderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnsafeFolderException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnsafeFolderException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
