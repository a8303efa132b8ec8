using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Mqtt.Broker;
using Reintegratie.Edge.Simulator;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// <c>--simulate</c>: connects the scenario's simulated sensors once the gateway listens, then plays the timeline.
/// Gateway-level steps: <c>broker-outage</c> {seconds} stops the embedded broker for a while.
/// </summary>
public sealed partial class SimulationService : BackgroundService
{
    private readonly ScenarioRunner _runner;
    private readonly EmbeddedBroker? _broker;
    private readonly ILogger _logger;

    /// <summary>Creates the service and routes the scenario's gateway steps to it; <paramref name="broker"/> is the embedded broker, if any.</summary>
    public SimulationService(ScenarioRunner runner, EmbeddedBroker? broker, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
        _broker = broker;
        _logger = logger;
        runner.GatewayActions = HandleGatewayStepAsync;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), stoppingToken).ConfigureAwait(false); // listeners are bound by now
            await _runner.StartAsync(stoppingToken).ConfigureAwait(false);
            await _runner.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogFailed(_logger, ex);
        }
    }

    /// <summary>Handles a scenario step addressed to the gateway itself.</summary>
    public async Task HandleGatewayStepAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        switch (step.Action)
        {
            case "broker-outage":
                var broker = _broker;
                if (broker is null)
                {
                    LogSkipped(_logger, step.Action, "the broker is external");
                    return;
                }

                var seconds = step.Args.ValueKind == System.Text.Json.JsonValueKind.Object && step.Args.TryGetProperty("seconds", out var s) ? s.GetDouble() : 12;
                LogOutage(_logger, seconds.ToString("0", CultureInfo.InvariantCulture));
                await broker.StopAsync(cancellationToken).ConfigureAwait(false);
                _ = Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
                    await broker.StartAsync(cancellationToken).ConfigureAwait(false);
                    LogBrokerBack(_logger);
                }, cancellationToken);
                break;
            default:
                LogSkipped(_logger, step.Action, "unknown gateway action");
                break;
        }
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Error, Message = "Simulation failed")]
    private static partial void LogFailed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 61, Level = LogLevel.Warning, Message = "Simulated broker outage: the embedded broker stops for {Seconds} s")]
    private static partial void LogOutage(ILogger logger, string seconds);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "Simulated broker outage over: the embedded broker is back")]
    private static partial void LogBrokerBack(ILogger logger);

    [LoggerMessage(EventId = 63, Level = LogLevel.Warning, Message = "Gateway step {Action} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string action, string reason);
}
