namespace Reintegratie.Edge.Hub.Hosting;

/// <summary>A configuration value the hub cannot start with; the message names the key (exit 78).</summary>
public sealed class HubConfigurationException(string key, string message) : Exception($"{key}: {message}")
{
    /// <summary>The configuration key at fault.</summary>
    public string Key { get; } = key;
}
