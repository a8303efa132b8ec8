using System.Reflection;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>The gateway's version (stamped from git by the build as the informational version).</summary>
public static class GatewayVersion
{
    /// <summary>Version text, e.g. "0.1.0+3f2a9c1".</summary>
    public static string Text { get; } =
        typeof(GatewayVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
