using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Gateway.Systemd;

/// <summary>
/// Pings the systemd watchdog (<c>WATCHDOG=1</c>) at half of <c>WATCHDOG_USEC</c>, as sd_watchdog_enabled(3)
/// recommends, but only while <see cref="IPipelineProgress"/> reports every stage making progress. A stuck stage
/// withholds the ping and sets <c>STATUS=</c> (shown by <c>systemctl status</c>); after <c>WatchdogSec</c> systemd
/// kills and restarts the service. Without a notify socket or watchdog it does nothing.
/// </summary>
public sealed partial class WatchdogService : BackgroundService
{
    /// <summary>The status text while healthy.</summary>
    public const string RunningStatus = "STATUS=pipeline running";

    private readonly ISystemdEnvironment _environment;
    private readonly NotifySocketSender _sender;
    private readonly IPipelineProgress _progress;
    private readonly TimeProvider _time;
    private readonly ILogger<WatchdogService> _logger;
    private string? _stuckStage;

    /// <summary>Creates the service.</summary>
    public WatchdogService(ISystemdEnvironment environment, NotifySocketSender sender, IPipelineProgress progress,
        TimeProvider time, ILogger<WatchdogService> logger)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _environment = environment;
        _sender = sender;
        _progress = progress;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_environment.NotifySocket is null || _environment.WatchdogTimeout is not { } timeout)
        {
            LogDisabled(_logger);
            return;
        }

        var period = timeout / 2;
        LogEnabled(_logger, timeout.TotalSeconds, period.TotalSeconds);
        using var timer = new PeriodicTimer(period, _time);
        try
        {
            do
            {
                Beat();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping: SystemdLifetime sends STOPPING=1.
        }
    }

    private void Beat()
    {
        if (_progress.IsHealthy(out var stuck))
        {
            if (_stuckStage is not null)
            {
                LogRecovered(_logger, _stuckStage);
                _stuckStage = null;
                _sender.Send("WATCHDOG=1\n" + RunningStatus);
            }
            else
            {
                _sender.Send("WATCHDOG=1");
            }

            return;
        }

        var stage = stuck ?? "(unnamed)";
        if (!string.Equals(stage, _stuckStage, StringComparison.Ordinal))
        {
            LogStuck(_logger, stage);
            _stuckStage = stage;
        }

        _sender.Send($"STATUS=pipeline stage '{stage}' makes no progress; watchdog withheld");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "systemd watchdog not requested (no NOTIFY_SOCKET or WATCHDOG_USEC); not pinging")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "systemd watchdog timeout {TimeoutSeconds} s; pinging every {PeriodSeconds} s while the pipeline makes progress")]
    private static partial void LogEnabled(ILogger logger, double timeoutSeconds, double periodSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pipeline stage {Stage} has pending work but makes no progress; withholding the systemd watchdog ping so systemd restarts the service")]
    private static partial void LogStuck(ILogger logger, string stage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipeline stage {Stage} makes progress again; systemd watchdog pings resumed")]
    private static partial void LogRecovered(ILogger logger, string stage);
}
