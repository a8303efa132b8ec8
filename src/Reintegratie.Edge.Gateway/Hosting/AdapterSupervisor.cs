using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Sensors;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// Keeps one adapter running: an adapter that throws, or returns while the gateway is not stopping, is reported
/// (<c>sensor_fault</c> reason <c>adapter_failed</c> for every sensor it serves) and run again after a backoff with
/// jitter. Nothing an adapter does stops the gateway or silences its family for good; the adapter's own first valid
/// frame after the restart brings its sensors back online.
/// </summary>
public sealed partial class AdapterSupervisor
{
    private readonly ISensorAdapter _adapter;
    private readonly IReadOnlyList<int> _sensors;
    private readonly SensorHealthRegistry _health;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Backoff _backoff;
    private long _restarts;

    /// <summary>Creates the supervisor; <paramref name="sensors"/> are the sensor indexes the adapter serves.</summary>
    public AdapterSupervisor(ISensorAdapter adapter, IReadOnlyList<int> sensors, SensorHealthRegistry health, TimeProvider time, ILogger logger, TimeSpan? firstBackoff = null)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        _adapter = adapter;
        _sensors = sensors;
        _health = health;
        _time = time;
        _logger = logger;
        var first = firstBackoff ?? TimeSpan.FromSeconds(1);
        _backoff = new Backoff(first, TimeSpan.FromSeconds(Math.Max(first.TotalSeconds, 60)));
    }

    /// <summary>Times the adapter was started again.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Runs the adapter until <paramref name="stopping"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            string failure;
            try
            {
                await _adapter.RunAsync(stopping).ConfigureAwait(false);
                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                failure = "returned while the gateway runs";
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Adapters promise that nothing escapes; if something does (OutOfMemoryException from a hostile file
                // included), say so loudly, raise a technical alert and start the adapter again.
                LogAdapterFailed(_logger, ex, _adapter.Name);
                failure = ex.GetType().Name;
            }

            var delay = _backoff.Next();
            LogRestarting(_logger, _adapter.Name, failure, delay.TotalSeconds);
            var now = _time.GetUtcNow();
            foreach (var sensor in _sensors)
            {
                _health.Report(sensor, SensorStatus.Fault, "adapter_failed", now);
            }

            try
            {
                await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _restarts); // read by tests and metrics
        }
    }

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Adapter {Adapter} failed; supervised restart follows")]
    private static partial void LogAdapterFailed(ILogger logger, Exception ex, string adapter);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Adapter {Adapter} stopped ({Failure}); its sensors are reported faulty and it starts again in {Seconds:F1} s")]
    private static partial void LogRestarting(ILogger logger, string adapter, string failure, double seconds);
}
