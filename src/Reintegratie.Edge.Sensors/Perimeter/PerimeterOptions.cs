using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>
/// One perimeter input (keys of <c>Site:Sensors:N</c> beside the common <c>SensorOptions</c> keys). Read and checked by
/// <see cref="PerimeterOptionsReader"/>; every key is documented in hardware/perimeter-wiring.md.
/// </summary>
public sealed class PerimeterOptions
{
    /// <summary>GPIO driver (<c>libgpiod</c>, <c>libgpiod2</c>, <c>simulated</c>).</summary>
    public PerimeterDriver Driver { get; set; }

    /// <summary>GPIO chip number (<c>/dev/gpiochip{Chip}</c>), default 0.</summary>
    public int Chip { get; set; }

    /// <summary>The alarm line (chip line offset). Used in <c>contact</c> and <c>dual</c> mode.</summary>
    public int Line { get; set; } = -1;

    /// <summary>The tamper line in <c>dual</c> mode, else -1.</summary>
    public int TamperLine { get; set; } = -1;

    /// <summary>Wiring mode.</summary>
    public PerimeterMode Mode { get; set; }

    /// <summary>
    /// The alarm level. False (default): the line reads High in alarm (a normally-closed contact to GND with a pull-up:
    /// an opened contact or a cut cable lets the pull-up win). True: the line reads Low in alarm. In <c>dual</c> mode the
    /// tamper line uses the same alarm level.
    /// </summary>
    public bool ActiveLow { get; set; }

    /// <summary>Line bias, default pull-up.</summary>
    public PerimeterBias Bias { get; set; } = PerimeterBias.PullUp;

    /// <summary>How long a level (or an EOL band) must be stable before it counts, default 50 ms.</summary>
    public int DebounceMs { get; set; } = 50;

    /// <summary>More raw transitions than this within a sliding minute is chatter (a fault), default 30.</summary>
    public int ChatterPerMinute { get; set; } = 30;

    /// <summary>Period of the supervision read of the GPIO line(s), default 5 s.</summary>
    public double SupervisionSeconds { get; set; } = 5;

    /// <summary>The MCP3008 of an <c>eol</c> input.</summary>
    public PerimeterSpiOptions Spi { get; set; } = new();

    /// <summary>Band thresholds of an <c>eol</c> input.</summary>
    public EolThresholds Eol { get; set; } = EolThresholds.Default;

    /// <summary>Sampling period of an <c>eol</c> input, default 100 ms.</summary>
    public int EolSampleMs { get; set; } = 100;

    /// <summary>The level a line reads when its contact is in alarm.</summary>
    public System.Device.Gpio.PinValue AlarmLevel => ActiveLow ? System.Device.Gpio.PinValue.Low : System.Device.Gpio.PinValue.High;

    /// <summary>
    /// Consecutive EOL samples that must fall in one band before it counts: the band must hold for at least the debounce
    /// time, i.e. 1 + ceil(DebounceMs / EolSampleMs) samples (2 with the defaults).
    /// </summary>
    public int EolSettleSamples => 1 + ((DebounceMs + EolSampleMs - 1) / EolSampleMs);
}
