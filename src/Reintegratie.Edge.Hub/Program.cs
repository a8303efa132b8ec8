using Reintegratie.Edge.Hub.Hosting;

namespace Reintegratie.Edge.Hub;

/// <summary>The <c>reintegratie-hub</c> daemon.</summary>
public static class Program
{
    /// <summary>Entry point. Exit codes: 0 ok, 1 failure, 78 configuration error (key named on stderr).</summary>
    public static Task<int> Main(string[] args) => HubHost.RunAsync(args);
}
