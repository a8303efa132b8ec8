using System.Device.Gpio;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>The hardware side of one perimeter input: GPIO line(s) or an MCP3008 channel.</summary>
internal interface IPerimeterInput : IDisposable
{
    /// <summary>True when changes arrive as edges (GPIO); false when the input must be sampled (EOL through the ADC).</summary>
    bool EdgeDriven { get; }

    /// <summary>What the input is, for logs (e.g. "gpiochip0 line 17").</summary>
    string Describe { get; }

    /// <summary>Opens the hardware and registers <paramref name="onEdge"/> for both edges; throws when it cannot.</summary>
    void Open(PinChangeEventHandler onEdge);

    /// <summary>Reads the present raw state; <paramref name="raw"/> is the ADC value or -1. Throws when unreadable.</summary>
    PerimeterState Read(out short raw);

    /// <summary>Unregisters callbacks and releases what <see cref="Open"/> acquired; never throws.</summary>
    void Close();
}
