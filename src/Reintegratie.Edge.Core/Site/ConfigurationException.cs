namespace Reintegratie.Edge.Core.Site;

/// <summary>
/// A configuration value is missing or wrong. <see cref="Key"/> is the full configuration path
/// (e.g. <c>Site:Zones:2:Adjacent:0</c>) so the start-up error names it; the gateway exits with 78 (EX_CONFIG).
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException(string key, string message)
        : base($"{key}: {message}")
    {
        Key = key;
    }

    /// <summary>Creates the exception (serialisation-style constructor kept for analyzers).</summary>
    public ConfigurationException()
        : this("(unknown)", "invalid configuration")
    {
    }

    /// <summary>Creates the exception (message only).</summary>
    public ConfigurationException(string message)
        : this("(unknown)", message)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = "(unknown)";
    }

    /// <summary>The failing configuration key.</summary>
    public string Key { get; } = "(unknown)";
}
