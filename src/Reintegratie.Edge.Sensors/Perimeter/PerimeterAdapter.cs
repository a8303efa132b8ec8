using System.Device.Gpio;
using System.Device.Spi;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Core.Time;

namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>
/// One fence or net input (<c>contact</c>, <c>dual</c> or <c>eol</c>). Contacts are debounced by read-after-settle: an
/// edge only (re)arms a timer of <see cref="PerimeterOptions.DebounceMs"/>; when it fires, the line is read back and
/// only that level can change the state. More than <see cref="PerimeterOptions.ChatterPerMinute"/> raw transitions in a
/// sliding minute is one Fault (not a stream of alarms) until a quiet minute. Every
/// <see cref="PerimeterOptions.SupervisionSeconds"/> the line(s) are read: a difference from the known state (a missed
/// edge) is confirmed after the debounce time and published with <c>FromSupervision</c>; a read that throws is a Fault
/// ("unreadable") until reads succeed again. EOL loops are sampled every <see cref="PerimeterOptions.EolSampleMs"/> and
/// a band counts after <see cref="PerimeterOptions.EolSettleSamples"/> consecutive samples in it.
/// </summary>
/// <remarks>
/// Edges arrive on the driver's thread, timers on the <see cref="TimeProvider"/>'s; one lock orders them, and state is
/// published inside it so events leave in the order they were decided. Nothing escapes: a failure to open the input is
/// a Fault ("open_failed") retried with backoff. An edge costs no allocation.
/// </remarks>
public sealed class PerimeterAdapter : ISensorAdapter
{
    private readonly object _gate = new();
    private readonly Sensor _sensor;
    private readonly PerimeterOptions _options;
    private readonly IPerimeterInput _input;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PerimeterStateMachine _machine;
    private readonly PinChangeEventHandler _onEdge;
    private readonly ITimer _settleTimer;
    private readonly ITimer _periodicTimer;
    private readonly TimeSpan _debounce;
    private readonly TimeSpan _period;
    private readonly BandSettle _bands;
    private readonly ProgressLoop _periodicLoop;
    private bool _running;
    private bool _disposed;
    private bool _settleArmed;
    private bool _confirmFromSupervision;

    /// <summary>A <c>contact</c> or <c>dual</c> input on <paramref name="controller"/>, which the caller owns and disposes.</summary>
    public PerimeterAdapter(Sensor sensor, PerimeterOptions options, AdapterContext context, GpioController controller)
        : this(sensor, options, context, new GpioPerimeterInput(options, () => controller, ownsController: false))
    {
        ArgumentNullException.ThrowIfNull(controller);
        if (options.Mode == PerimeterMode.Eol)
        {
            throw new ArgumentException("An eol input is read through an MCP3008: pass a SpiDevice.", nameof(options));
        }
    }

    /// <summary>An <c>eol</c> input on the MCP3008 at <paramref name="adc"/>, which the caller owns and disposes.</summary>
    public PerimeterAdapter(Sensor sensor, PerimeterOptions options, AdapterContext context, SpiDevice adc)
        : this(sensor, options, context, new EolPerimeterInput(options, () => adc, ownsDevice: false))
    {
        ArgumentNullException.ThrowIfNull(adc);
        if (options.Mode != PerimeterMode.Eol)
        {
            throw new ArgumentException($"A {options.Mode} input is read through GPIO: pass a GpioController.", nameof(options));
        }
    }

    /// <summary>The factory's constructor: <paramref name="input"/> opens (and owns) what it needs on each start.</summary>
    internal PerimeterAdapter(Sensor sensor, PerimeterOptions options, AdapterContext context, IPerimeterInput input)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _sensor = sensor;
        _options = options;
        _input = input;
        Sensors = [sensor.Index];
        Progress = new AdapterProgress(context.Time, sensor.StallTime);
        _periodicLoop = Progress.Loop(); // each supervision or sample tick is a turn: a hung GPIO/SPI read or a held lock is a stall
        _time = context.Time;
        _logger = context.LoggerFactory.CreateLogger<PerimeterAdapter>();
        _machine = new PerimeterStateMachine(sensor, options.Mode, options.ChatterPerMinute, context.Sink, context.Health, _logger);
        _onEdge = OnEdge;
        _bands = new BandSettle(options.EolSettleSamples);
        _debounce = TimeSpan.FromMilliseconds(options.DebounceMs);
        _period = input.EdgeDriven ? TimeSpan.FromSeconds(options.SupervisionSeconds) : TimeSpan.FromMilliseconds(options.EolSampleMs);
        _settleTimer = _time.CreateTimer(static s => ((PerimeterAdapter)s!).OnSettleTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _periodicTimer = _time.CreateTimer(static s => ((PerimeterAdapter)s!).OnPeriodicTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Sensors { get; }

    /// <inheritdoc />
    public AdapterProgress Progress { get; }

    /// <inheritdoc />
    public string Name => _sensor.Id;

    /// <summary>The state last published.</summary>
    public PerimeterState State
    {
        get
        {
            lock (_gate)
            {
                return _machine.Published;
            }
        }
    }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30));
        while (!TryStart(backoff, out var retryIn))
        {
            await Task.Delay(retryIn, _time, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Stop();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Stop();
        lock (_gate)
        {
            if (_disposed)
            {
                return ValueTask.CompletedTask;
            }

            _disposed = true;
        }

        _settleTimer.Dispose();
        _periodicTimer.Dispose();
        _input.Dispose();
        return ValueTask.CompletedTask;
    }

    private bool TryStart(Backoff backoff, out TimeSpan retryIn)
    {
        retryIn = TimeSpan.Zero;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _input.Open(_onEdge);
            lock (_gate)
            {
                _running = true;
                _bands.Reset();
                _periodicTimer.Change(_input.EdgeDriven ? _period : TimeSpan.Zero, _period);
                if (_input.EdgeDriven)
                {
                    ArmSettle(fromSupervision: true); // the first read-back sets the initial state; it also catches a failed input early
                }
            }

            PerimeterLog.Started(_logger, _sensor.Id, _input.Describe, _options.Mode);
            return true;
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            _input.Close();
            retryIn = backoff.Next();
            PerimeterLog.OpenFailed(_logger, ex, _sensor.Id, _input.Describe, retryIn.TotalMilliseconds);
            lock (_gate)
            {
                _machine.ReadFailed("open_failed", _time.GetUtcNow());
            }

            return false;
        }
    }

    private void Stop()
    {
        lock (_gate)
        {
            if (!_running)
            {
                return;
            }

            _running = false;
            _settleArmed = false;
            _settleTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _periodicTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        _input.Close(); // outside the lock: a driver may wait for its event thread, which may be waiting for the lock
    }

    private void OnEdge(object sender, PinValueChangedEventArgs e)
    {
        try
        {
            lock (_gate)
            {
                if (!_running)
                {
                    return;
                }

                _machine.RawTransition(_time.GetUtcNow());
                ArmSettle(fromSupervision: false);
            }
        }
        catch (Exception ex)
        {
            PerimeterLog.Unexpected(_logger, ex, _sensor.Id, "edge");
        }
    }

    private void ArmSettle(bool fromSupervision)
    {
        _confirmFromSupervision = fromSupervision;
        _settleArmed = true;
        _settleTimer.Change(_debounce, Timeout.InfiniteTimeSpan); // re-arming restarts the settle time: the level must hold for all of it
    }

    private void OnSettleTimer()
    {
        try
        {
            lock (_gate)
            {
                if (!_running || !_settleArmed)
                {
                    return;
                }

                _settleArmed = false;
                var now = _time.GetUtcNow();
                if (TryRead(now, out var observed, out var raw))
                {
                    _machine.Settled(observed, raw, _confirmFromSupervision, now);
                }
            }
        }
        catch (Exception ex)
        {
            PerimeterLog.Unexpected(_logger, ex, _sensor.Id, "settle");
        }
    }

    private void OnPeriodicTimer()
    {
        _periodicLoop.Begin();
        try
        {
            lock (_gate)
            {
                if (!_running)
                {
                    return;
                }

                if (_input.EdgeDriven)
                {
                    Supervise();
                }
                else
                {
                    Sample();
                }
            }
        }
        catch (Exception ex)
        {
            PerimeterLog.Unexpected(_logger, ex, _sensor.Id, _input.EdgeDriven ? "supervision" : "sample");
        }
        finally
        {
            _periodicLoop.End();
        }
    }

    private void Supervise()
    {
        var now = _time.GetUtcNow();
        if (TryRead(now, out var observed, out _))
        {
            _machine.Touch(now);
            if (!_settleArmed && (observed != _machine.Input || _machine.Unreadable))
            {
                ArmSettle(fromSupervision: true); // a missed edge or a recovered line: confirm after the debounce time
            }
        }

        _machine.Tick(now);
    }

    private void Sample()
    {
        var now = _time.GetUtcNow();
        if (TryRead(now, out var band, out var raw))
        {
            var settled = _bands.Observe(band, out var changed);
            if (changed)
            {
                _machine.RawTransition(now);
            }

            if (settled)
            {
                _machine.Settled(band, raw, fromSupervision: false, now); // the sampling is the primary detection, not supervision
            }
            else
            {
                _machine.Touch(now);
            }
        }
        else
        {
            _bands.Reset();
        }

        _machine.Tick(now);
    }

    private bool TryRead(DateTimeOffset now, out PerimeterState state, out short raw) => _machine.TryRead(_input, now, out state, out raw);
}
