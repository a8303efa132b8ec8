using Reintegratie.Edge.Gateway.Hosting;
using Reintegratie.Edge.Core.Diagnostics;

namespace Reintegratie.Edge.Gateway;

/// <summary>The <c>reintegratie-edge</c> daemon.</summary>
public static class Program
{
    /// <summary>Entry point. Exit codes: 0 ok, 1 failure, 64 usage, 78 configuration error (key named on stderr).</summary>
    public static async Task<int> Main(string[] args)
    {
        StartTrace.Mark("main entered (runtime started)");
        _ = NativeHeap.UseOneArena();
        GatewayCommandLine commandLine;
        try
        {
            commandLine = GatewayCommandLine.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"reintegratie-edge: {ex.Message}").ConfigureAwait(false);
            await Console.Error.WriteLineAsync(GatewayCommandLine.Usage).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (commandLine.Help)
        {
            await Console.Out.WriteLineAsync(GatewayCommandLine.Usage).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (commandLine.Version)
        {
            await Console.Out.WriteLineAsync($"reintegratie-edge {GatewayVersion.Text}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (commandLine.Capture is { } iface)
        {
            return await CaptureMode.RunAsync(commandLine, iface).ConfigureAwait(false);
        }

        return await GatewayHost.RunAsync(commandLine).ConfigureAwait(false);
    }
}
