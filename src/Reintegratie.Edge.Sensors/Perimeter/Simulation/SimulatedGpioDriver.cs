using System.Device.Gpio;

namespace Reintegratie.Edge.Sensors.Perimeter.Simulation;

/// <summary>
/// A GPIO chip in memory: the hardware edge for tests and for the gateway's simulate mode. Input levels are set with
/// <see cref="SetInputLevel(int, PinValue, bool)"/>; a change fires the registered edge callbacks synchronously on the
/// caller's thread, like a libgpiod event thread would (after the level changed). A line can be made unreadable
/// (<see cref="Read(int)"/> throws <see cref="IOException"/>) to play a dead input, and modes can be marked unsupported.
/// </summary>
/// <remarks>
/// Disposing (as <see cref="GpioController.Dispose()"/> does) closes every line and drops the callbacks, but the levels
/// stay settable and the lines can be opened again: the simulator keeps driving the same chip while the adapter
/// restarts. Firing an edge allocates nothing (event arguments are cached per line, handler lists are copy-on-write).
/// </remarks>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly object _gate = new();
    private readonly SimulatedLine[] _lines;

    /// <summary>Creates a chip with <paramref name="lineCount"/> lines (default 64), every line closed, floating, readable.</summary>
    public SimulatedGpioDriver(int lineCount = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lineCount, 1);
        _lines = new SimulatedLine[lineCount];
        for (var i = 0; i < lineCount; i++)
        {
            _lines[i] = new SimulatedLine(i);
        }
    }

    /// <summary>Number of lines on this chip.</summary>
    public int LineCount => _lines.Length;

    /// <inheritdoc />
    protected override int PinCount => _lines.Length;

    /// <summary>Sets the level an input line reads and fires the matching edge callbacks when it changed.</summary>
    public void SetInputLevel(int line, PinValue value) => SetInputLevel(line, value, notify: true);

    /// <summary>
    /// Sets the level an input line reads. With <paramref name="notify"/> false no callback fires: a missed edge, which
    /// only a supervision read can catch.
    /// </summary>
    public void SetInputLevel(int line, PinValue value, bool notify)
    {
        var l = Line(line);
        SimulatedLine.Registration[] handlers;
        PinEventTypes change;
        lock (_gate)
        {
            var previous = l.Level;
            l.Level = value;
            l.Driven = true;
            if (previous == value || !notify || !l.Open)
            {
                return;
            }

            change = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = l.Handlers;
        }

        var args = change == PinEventTypes.Rising ? l.RisingArgs : l.FallingArgs;
        foreach (var h in handlers)
        {
            if ((h.Types & change) != 0)
            {
                h.Handler(this, args);
            }
        }
    }

    /// <summary>The level the line reads now (ignores <see cref="SetReadable"/>).</summary>
    public PinValue GetInputLevel(int line)
    {
        lock (_gate)
        {
            return Line(line).Level;
        }
    }

    /// <summary>Makes a line readable again or unreadable: then <see cref="Read(int)"/> throws, as a dead input does.</summary>
    public void SetReadable(int line, bool readable)
    {
        lock (_gate)
        {
            Line(line).Readable = readable;
        }
    }

    /// <summary>Marks a pin mode as (un)supported on a line; <see cref="GpioController"/> refuses unsupported modes.</summary>
    public void SetModeSupported(int line, PinMode mode, bool supported)
    {
        lock (_gate)
        {
            var l = Line(line);
            l.Unsupported = supported ? l.Unsupported & ~(1 << (int)mode) : l.Unsupported | (1 << (int)mode);
        }
    }

    /// <summary>True while the line is open.</summary>
    public bool IsOpen(int line)
    {
        lock (_gate)
        {
            return Line(line).Open;
        }
    }

    /// <summary>Number of edge callbacks registered on the line.</summary>
    public int CallbackCount(int line)
    {
        lock (_gate)
        {
            return Line(line).Handlers.Length;
        }
    }

    /// <summary>The mode last set on the line.</summary>
    public PinMode ModeOf(int line)
    {
        lock (_gate)
        {
            return Line(line).Mode;
        }
    }

    /// <inheritdoc />
    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            var l = Line(pinNumber);
            if (l.Open)
            {
                throw new InvalidOperationException($"Line {pinNumber} is already open (a second request of a libgpiod line fails the same way).");
            }

            l.Open = true;
        }
    }

    /// <inheritdoc />
    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            var l = Line(pinNumber);
            l.Open = false;
            l.Handlers = [];
        }
    }

    /// <inheritdoc />
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            var l = OpenLine(pinNumber);
            if ((l.Unsupported & (1 << (int)mode)) != 0)
            {
                throw new InvalidOperationException($"Line {pinNumber} does not support mode {mode}.");
            }

            l.Mode = mode;
            if (!l.Driven)
            {
                // An undriven input reads its bias: high with a pull-up, low with a pull-down or floating.
                l.Level = mode == PinMode.InputPullUp ? PinValue.High : PinValue.Low;
            }
        }
    }

    /// <inheritdoc />
    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return OpenLine(pinNumber).Mode;
        }
    }

    /// <inheritdoc />
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            return (Line(pinNumber).Unsupported & (1 << (int)mode)) == 0;
        }
    }

    /// <inheritdoc />
    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            var l = OpenLine(pinNumber);
            if (!l.Readable)
            {
                throw new IOException($"Line {pinNumber} cannot be read (simulated dead input).");
            }

            return l.Level;
        }
    }

    /// <inheritdoc />
    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            var l = OpenLine(pinNumber);
            if (l.Mode != PinMode.Output)
            {
                throw new InvalidOperationException($"Line {pinNumber} is an input ({l.Mode}); only outputs can be written.");
            }

            l.Level = value;
        }
    }

    /// <inheritdoc />
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        var fired = new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnEdge(object sender, PinValueChangedEventArgs e) => fired.TrySetResult(e.ChangeType);
        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, OnEdge);
        try
        {
            fired.Task.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = fired.Task.Result, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            RemoveCallbackForPinValueChangedEvent(pinNumber, OnEdge);
        }
    }

    /// <inheritdoc />
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_gate)
        {
            var l = OpenLine(pinNumber);
            l.Handlers = [.. l.Handlers, new SimulatedLine.Registration(eventTypes, callback)];
        }
    }

    /// <inheritdoc />
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            var l = Line(pinNumber);
            l.Handlers = Array.FindAll(l.Handlers, h => h.Handler != callback);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            foreach (var l in _lines)
            {
                l.Open = false;
                l.Handlers = [];
            }
        }

        base.Dispose(disposing);
    }

    private SimulatedLine Line(int line)
    {
        if ((uint)line >= (uint)_lines.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(line), line, $"The simulated chip has lines 0..{_lines.Length - 1}.");
        }

        return _lines[line];
    }

    private SimulatedLine OpenLine(int line)
    {
        var l = Line(line);
        if (!l.Open)
        {
            throw new InvalidOperationException($"Line {line} is not open.");
        }

        return l;
    }
}
