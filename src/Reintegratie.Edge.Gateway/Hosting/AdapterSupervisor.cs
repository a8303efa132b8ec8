using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Sensors;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// Keeps one adapter running. An adapter that throws, or returns while the gateway is not stopping, is reported
/// (<c>sensor_fault</c> reason <c>adapter_failed</c>) and run again after a backoff with jitter. An adapter that stops
/// making progress (a turn of one of its loops still running after its <see cref="AdapterProgress.Window"/>: a handler
/// that blocks, a hung open or mount) is reported at once (<c>sensor_fault</c> with the progress's reason,
/// <c>adapter_stalled</c> or bodycam's <c>scan_stalled</c>), cancelled, and run again the same way once it has returned.
/// Only the adapter's own <see cref="ISensorAdapter.Sensors"/> are faulted; nothing an adapter does stops the gateway or
/// silences its family for good; the adapter's own first valid frame after the restart brings its sensors back online.
/// </summary>
/// <remarks>
/// An adapter blocked in a call that ignores cancellation cannot be started again beside itself (it owns its transport):
/// its sensors stay faulted until that call returns, and the stall is logged with the time it has run.
/// </remarks>
public sealed partial class AdapterSupervisor
{
    private readonly ISensorAdapter _adapter;
    private readonly SensorHealthRegistry _health;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Backoff _backoff;
    private long _restarts;
    private long _stalls;

    /// <summary>Creates the supervisor of <paramref name="adapter"/>.</summary>
    public AdapterSupervisor(ISensorAdapter adapter, SensorHealthRegistry health, TimeProvider time, ILogger logger, TimeSpan? firstBackoff = null)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        _adapter = adapter;
        _health = health;
        _time = time;
        _logger = logger;
        var first = firstBackoff ?? TimeSpan.FromSeconds(1);
        _backoff = new Backoff(first, TimeSpan.FromSeconds(Math.Max(first.TotalSeconds, 60)));
    }

    /// <summary>The supervised adapter.</summary>
    public ISensorAdapter Adapter => _adapter;

    /// <summary>Times the adapter was started again.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Stalls seen.</summary>
    public long Stalls => Interlocked.Read(ref _stalls);

    /// <summary>How often the progress is checked: a quarter of the window (a stall is seen within 1.25 windows).</summary>
    public TimeSpan CheckInterval => TimeSpan.FromSeconds(Math.Max(0.25, _adapter.Progress.Window.TotalSeconds / 4));

    /// <summary>Runs the adapter until <paramref name="stopping"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var failure = await RunOnceAsync(stopping).ConfigureAwait(false);
            if (failure is null)
            {
                return;
            }

            var delay = _backoff.Next();
            LogRestarting(_logger, _adapter.Name, failure, delay.TotalSeconds);
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

    /// <summary>One run: null when the gateway stops, else why the run ended (its sensors are faulted by then).</summary>
    private async Task<string?> RunOnceAsync(CancellationToken stopping)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var stall = new StallWatch(this, run);
        using (var timer = _time.CreateTimer(static s => ((StallWatch)s!).Check(), stall, CheckInterval, CheckInterval))
        {
            try
            {
                await _adapter.RunAsync(run.Token).ConfigureAwait(false);
                if (stopping.IsCancellationRequested)
                {
                    return null;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return null;
            }
            catch (OperationCanceledException) when (stall.Seen)
            {
                // cancelled by the stall check below
            }
            catch (Exception ex)
            {
                // Adapters promise that nothing escapes; if something does (OutOfMemoryException from a hostile file
                // included), say so loudly, raise a technical alert and start the adapter again.
                LogAdapterFailed(_logger, ex, _adapter.Name);
                Report("adapter_failed");
                return ex.GetType().Name;
            }
        }

        if (stall.Seen)
        {
            return _adapter.Progress.Reason;
        }

        Report("adapter_failed");
        return "returned while the gateway runs";
    }

    private void Report(string reason)
    {
        var now = _time.GetUtcNow();
        foreach (var sensor in _adapter.Sensors)
        {
            _health.Report(sensor, SensorStatus.Fault, reason, now);
        }
    }

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Adapter {Adapter} failed; supervised restart follows")]
    private static partial void LogAdapterFailed(ILogger logger, Exception ex, string adapter);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Adapter {Adapter} stopped ({Failure}); its sensors are reported faulty and it starts again in {Seconds:F1} s")]
    private static partial void LogRestarting(ILogger logger, string adapter, string failure, double seconds);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Adapter {Adapter} stalled: a turn has run {Seconds:F1} s (window {Window:F0} s); its sensors are reported faulty ({Reason}) and it is cancelled for a restart")]
    private static partial void LogStalled(ILogger logger, string adapter, double seconds, double window, string reason);

    /// <summary>The timer side of one run: the first stall is reported once and cancels the run.</summary>
    private sealed class StallWatch(AdapterSupervisor owner, CancellationTokenSource run)
    {
        private int _seen;

        public bool Seen => Volatile.Read(ref _seen) != 0; // set on the timer thread, read by the run after it ended

        public void Check()
        {
            var progress = owner._adapter.Progress;
            var longest = progress.LongestTurn();
            if (longest.TotalSeconds <= progress.Window.TotalSeconds || Interlocked.Exchange(ref _seen, 1) != 0)
            {
                return;
            }

            Interlocked.Increment(ref owner._stalls); // read by tests and metrics
            LogStalled(owner._logger, owner._adapter.Name, longest.TotalSeconds, progress.Window.TotalSeconds, progress.Reason);
            owner.Report(progress.Reason);
            try
            {
                run.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the run ended between the check and the cancel
            }
        }
    }
}
