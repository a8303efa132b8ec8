namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>An MCP3008 answer that cannot be a conversion result (the ADC is absent, unpowered or mis-wired).</summary>
public sealed class Mcp3008Exception : IOException
{
    /// <summary>Creates the exception.</summary>
    public Mcp3008Exception(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public Mcp3008Exception()
        : this("invalid MCP3008 answer")
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public Mcp3008Exception(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
