using System.Reflection;
using Reintegratie.Edge.Mqtt.Configuration;

namespace Reintegratie.Edge.Mqtt.Payloads;

/// <summary>What the status messages say about this gateway.</summary>
/// <param name="Version">Gateway version.</param>
/// <param name="StartedAt">Process start time.</param>
/// <param name="Insecure">See <see cref="MqttOptions.IsInsecure"/>.</param>
/// <param name="Site">Site.</param>
/// <param name="Gateway">Gateway.</param>
/// <param name="Protocol"><c>5.0</c> or <c>3.1.1</c>.</param>
public sealed record StatusInfo(string Version, DateTimeOffset StartedAt, bool Insecure, string Site, string Gateway, string Protocol)
{
    /// <summary>Builds the info from options; the version is the entry assembly's informational version.</summary>
    public static StatusInfo From(MqttOptions options, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(options);
        var assembly = Assembly.GetEntryAssembly() ?? typeof(StatusInfo).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        return new StatusInfo(version, startedAt, options.IsInsecure, options.Site, options.Gateway, options.IsV5 ? "5.0" : "3.1.1");
    }
}
