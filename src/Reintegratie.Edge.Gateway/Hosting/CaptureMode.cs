using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Gateway.Logging;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RemoteId.Capture;
using Reintegratie.Edge.Sensors.RemoteId.Capture.Relay;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// <c>reintegratie-edge --capture IF</c>, run by <c>reintegratie-edge-capture-wifi@IF</c> or
/// <c>reintegratie-edge-capture-bluetooth@IF</c>: opens the live source of the Remote ID sensor whose <c>Interface</c> is
/// IF (with its channel hopper) and forwards every packet to the gateway's relay socket (<c>CaptureSocket</c>). Nothing
/// else runs: no journal, no broker, no pipeline. Exits 1 when the source or the gateway goes (systemd restarts it),
/// 78 on a configuration error, 0 on SIGTERM.
/// </summary>
public static partial class CaptureMode
{
    /// <summary>Runs until SIGTERM; returns the exit code.</summary>
    public static async Task<int> RunAsync(GatewayCommandLine commandLine, string iface)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        using var loggerFactory = GatewayLogging.Create(configuration: null, systemdFormat: SystemdHelpers.IsSystemdService());
        var logger = loggerFactory.CreateLogger("Capture");
        RemoteIdOptions options;
        string sensorId;
        try
        {
            (sensorId, options) = FindSensor(GatewayConfiguration.Build(commandLine, null), iface);
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"reintegratie-edge: configuration error: {ex.Key}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Config;
        }

        using var cts = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, cts));
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, cts));
        var (open, hopper) = CaptureRemoteIdAdapter.LiveSource(options, TimeProvider.System, loggerFactory);
        try
        {
            using var source = open();
            if (source is HciCaptureSource hci)
            {
                LogScanMode(logger, sensorId, hci.ScanMode);
            }

            using var gateway = CaptureRelayForwarder.Connect(options.CaptureSocket);
            LogForwarding(logger, sensorId, iface, options.CaptureSocket);
            var forwarder = new CaptureRelayForwarder();
            var hopping = hopper?.RunAsync(cts.Token) ?? Task.CompletedTask;
            try
            {
                await Task.Factory.StartNew(() => forwarder.Run(source, gateway, cts.Token), cts.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                    .ConfigureAwait(false);
            }
            finally
            {
                await cts.CancelAsync().ConfigureAwait(false);
                try
                {
                    await hopping.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The hopper stops with the forwarder.
                }
            }

            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CaptureFormatException or InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
        {
            LogFailed(logger, sensorId, ex.Message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>The enabled Remote ID sensor with a live source on <paramref name="iface"/>, and its options.</summary>
    public static (string SensorId, RemoteIdOptions Options) FindSensor(IConfiguration configuration, string iface)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var s in configuration.GetSection("Site:Sensors").GetChildren())
        {
            if (string.Equals(s["Family"], "RemoteId", StringComparison.OrdinalIgnoreCase)
                && string.Equals(s["Interface"]?.Trim(), iface, StringComparison.Ordinal)
                && !string.Equals(s["Enabled"], "false", StringComparison.OrdinalIgnoreCase))
            {
                return (s["Id"] ?? s.Key, RemoteIdOptions.Read(s, s.Path));
            }
        }

        throw new ConfigurationException("Site:Sensors", $"no enabled RemoteId sensor has Interface '{iface}'");
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource cts)
    {
        context.Cancel = true;
        cts.Cancel();
    }

    [LoggerMessage(EventId = 1710, Level = LogLevel.Information, Message = "{Sensor}: capturing on {Interface}, forwarding to {Socket}")]
    private static partial void LogForwarding(ILogger logger, string sensor, string @interface, string socket);

    [LoggerMessage(EventId = 1711, Level = LogLevel.Information, Message = "{Sensor}: Bluetooth {ScanMode}")]
    private static partial void LogScanMode(ILogger logger, string sensor, string scanMode);

    [LoggerMessage(EventId = 1712, Level = LogLevel.Error, Message = "{Sensor}: capture stopped: {Reason}")]
    private static partial void LogFailed(ILogger logger, string sensor, string reason);
}
