using System.Device.Gpio;

namespace Reintegratie.Edge.Sensors.Perimeter.Simulation;

/// <summary>One line of a <see cref="SimulatedGpioDriver"/>; guarded by the driver's lock.</summary>
internal sealed class SimulatedLine
{
    public SimulatedLine(int number)
    {
        RisingArgs = new PinValueChangedEventArgs(PinEventTypes.Rising, number);
        FallingArgs = new PinValueChangedEventArgs(PinEventTypes.Falling, number);
    }

    public PinValue Level { get; set; } = PinValue.Low;

    /// <summary>True once a level was set from outside (then the bias no longer decides the level).</summary>
    public bool Driven { get; set; }

    public bool Open { get; set; }

    public bool Readable { get; set; } = true;

    public PinMode Mode { get; set; } = PinMode.Input;

    /// <summary>Bit per <see cref="PinMode"/> value that is not supported.</summary>
    public int Unsupported { get; set; }

    /// <summary>Copy-on-write, so firing iterates a snapshot without allocating.</summary>
    public Registration[] Handlers { get; set; } = [];

    public PinValueChangedEventArgs RisingArgs { get; }

    public PinValueChangedEventArgs FallingArgs { get; }

    /// <summary>An edge callback and the edges it wants.</summary>
    public sealed record Registration(PinEventTypes Types, PinChangeEventHandler Handler);
}
