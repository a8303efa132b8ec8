using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Diagnostics;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Gateway.Systemd;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// Runs the gateway's services, what the generic host did for it without its DI container: starts them in order, sends
/// <c>READY=1</c> to <c>NOTIFY_SOCKET</c> (sd_notify(3); nothing without a socket), waits for SIGTERM, SIGINT or SIGQUIT
/// (or a service that fails), sends <c>STOPPING=1</c>, stops the started ones in reverse within the shutdown timeout
/// (below the unit's TimeoutStopSec) and then disposes what it owns, in reverse.
/// </summary>
internal sealed partial class GatewayApp : IAsyncDisposable
{
    private readonly IReadOnlyList<IHostedService> _services;
    private readonly IReadOnlyList<object> _owned;
    private readonly NotifySocketSender _notify;
    private readonly TimeSpan _shutdownTimeout;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private int _exitCode = ExitCodes.Ok;

    /// <param name="services">The services in start order.</param>
    /// <param name="owned">What the app disposes after the stop, in reverse order (services among them).</param>
    /// <param name="notify">The sd_notify sender.</param>
    /// <param name="shutdownTimeout">How long the services have to stop.</param>
    /// <param name="logger">Logs a service that fails.</param>
    public GatewayApp(IReadOnlyList<IHostedService> services, IReadOnlyList<object> owned, NotifySocketSender notify, TimeSpan shutdownTimeout, ILogger logger)
    {
        _services = services;
        _owned = owned;
        _notify = notify;
        _shutdownTimeout = shutdownTimeout;
        _logger = logger;
    }

    /// <summary>Runs until a stop signal. Returns 0, or 1 when a service failed to start or failed while running.</summary>
    public async Task<int> RunAsync()
    {
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStopSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStopSignal);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnStopSignal);
        var started = new List<IHostedService>(_services.Count);
        try
        {
            foreach (var service in _services)
            {
                await service.StartAsync(_stop.Token).ConfigureAwait(false);
                started.Add(service);
                if (service is BackgroundService { ExecuteTask: { } task })
                {
                    _ = task.ContinueWith(OnServiceEnded, service, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }

            StartTrace.Mark("every hosted service started (READY=1 now)");
            if (_notify.IsEnabled)
            {
                _notify.Send("READY=1");
            }

            await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        catch (ConfigurationException)
        {
            await StopAsync(started).ConfigureAwait(false);
            throw; // exit 78 naming the key, as before the start
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // a stop signal during the start: stop what has started
        }
        catch (Exception ex)
        {
            LogStartFailed(_logger, ex);
            _exitCode = ExitCodes.Failure;
        }

        if (_notify.IsEnabled)
        {
            _notify.Send("STOPPING=1");
        }

        await StopAsync(started).ConfigureAwait(false);
        return _exitCode;
    }

    /// <summary>Stops the app as SIGTERM does: <see cref="RunAsync"/> stops the services and returns.</summary>
    public void RequestStop() => _stop.Cancel();

    private void OnStopSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the default action would end the process before the pipeline drains
        RequestStop();
    }

    private void OnServiceEnded(Task task, object? service)
    {
        LogServiceFailed(_logger, task.Exception?.GetBaseException(), service!.GetType().Name);
        _exitCode = ExitCodes.Failure;
        RequestStop();
    }

    private async Task StopAsync(List<IHostedService> started)
    {
        using var timeout = new CancellationTokenSource(_shutdownTimeout);
        for (var i = started.Count - 1; i >= 0; i--)
        {
            try
            {
                await started[i].StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogStopFailed(_logger, ex, started[i].GetType().Name);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            switch (_owned[i])
            {
                case IAsyncDisposable d:
                    await d.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable d:
                    d.Dispose();
                    break;
            }
        }

        _stop.Dispose();
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Critical, Message = "The gateway failed to start")]
    private static partial void LogStartFailed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 21, Level = LogLevel.Critical, Message = "Service {Service} failed; the gateway stops")]
    private static partial void LogServiceFailed(ILogger logger, Exception? ex, string service);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "Service {Service} failed to stop")]
    private static partial void LogStopFailed(ILogger logger, Exception ex, string service);
}
