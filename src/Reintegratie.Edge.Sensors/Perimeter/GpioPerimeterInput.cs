using System.Device.Gpio;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>A <c>contact</c> (one line) or <c>dual</c> (alarm line + tamper line) input on a <see cref="GpioController"/>.</summary>
internal sealed class GpioPerimeterInput : IPerimeterInput
{
    private readonly PerimeterOptions _options;
    private readonly Func<GpioController> _open;
    private readonly bool _ownsController;
    private readonly PinValue _alarmLevel;
    private GpioController? _controller;
    private PinChangeEventHandler? _onEdge;

    /// <param name="options">The input's options.</param>
    /// <param name="open">Gives the controller (creates it when <paramref name="ownsController"/>).</param>
    /// <param name="ownsController">True: <see cref="Close"/> disposes the controller <paramref name="open"/> made.</param>
    public GpioPerimeterInput(PerimeterOptions options, Func<GpioController> open, bool ownsController)
    {
        _options = options;
        _open = open;
        _ownsController = ownsController;
        _alarmLevel = options.AlarmLevel;
    }

    public bool EdgeDriven => true;

    public string Describe => _options.Mode == PerimeterMode.Dual
        ? $"gpiochip{_options.Chip} line {_options.Line} + tamper line {_options.TamperLine}"
        : $"gpiochip{_options.Chip} line {_options.Line}";

    public void Open(PinChangeEventHandler onEdge)
    {
        var controller = _open();
        _controller = controller;
        _onEdge = onEdge;
        var mode = _options.Bias switch
        {
            PerimeterBias.PullUp => PinMode.InputPullUp,
            PerimeterBias.PullDown => PinMode.InputPullDown,
            _ => PinMode.Input,
        };
        OpenLine(controller, _options.Line, mode, onEdge);
        if (_options.Mode == PerimeterMode.Dual)
        {
            OpenLine(controller, _options.TamperLine, mode, onEdge);
        }
    }

    public PerimeterState Read(out short raw)
    {
        raw = -1;
        var controller = _controller ?? throw new InvalidOperationException("The input is not open.");
        if (_options.Mode == PerimeterMode.Dual && controller.Read(_options.TamperLine) == _alarmLevel)
        {
            return PerimeterState.TamperOpen; // tamper outranks alarm: the alarm line cannot be trusted while the housing is open
        }

        return controller.Read(_options.Line) == _alarmLevel ? PerimeterState.Alarm : PerimeterState.Normal;
    }

    public void Close()
    {
        var controller = _controller;
        _controller = null;
        if (controller is null)
        {
            return;
        }

        CloseLine(controller, _options.Line);
        if (_options.Mode == PerimeterMode.Dual)
        {
            CloseLine(controller, _options.TamperLine);
        }

        if (_ownsController)
        {
            Try(controller.Dispose);
        }
    }

    public void Dispose() => Close();

    private static void OpenLine(GpioController controller, int line, PinMode mode, PinChangeEventHandler onEdge)
    {
        if (!controller.IsPinModeSupported(line, mode))
        {
            throw new InvalidOperationException($"Line {line} does not support {mode}; choose another Bias.");
        }

        controller.OpenPin(line, mode);
        controller.RegisterCallbackForPinValueChangedEvent(line, PinEventTypes.Rising | PinEventTypes.Falling, onEdge);
    }

    private void CloseLine(GpioController controller, int line)
    {
        if (_onEdge is { } onEdge)
        {
            Try(() => controller.UnregisterCallbackForPinValueChangedEvent(line, onEdge));
        }

        Try(() =>
        {
            if (controller.IsPinOpen(line))
            {
                controller.ClosePin(line);
            }
        });
    }

    private static void Try(Action release)
    {
#pragma warning disable CA1031 // releasing hardware on shutdown: a failure here has nowhere better to go and must not stop the rest
        try
        {
            release();
        }
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }
}
