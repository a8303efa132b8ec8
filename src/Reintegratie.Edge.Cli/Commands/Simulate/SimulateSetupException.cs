namespace Reintegratie.Edge.Cli.Commands.Simulate;

/// <summary><c>edgectl simulate</c> cannot set up its transports; the message is the one-line reason (exit 1).</summary>
public sealed class SimulateSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulateSetupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SimulateSetupException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SimulateSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
