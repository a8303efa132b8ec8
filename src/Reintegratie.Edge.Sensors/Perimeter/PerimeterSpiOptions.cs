namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>Where the MCP3008 of an <c>eol</c> input sits (config section <c>Spi</c>).</summary>
public sealed class PerimeterSpiOptions
{
    /// <summary>SPI bus (<c>/dev/spidev{Bus}.{ChipSelect}</c>), default 0.</summary>
    public int Bus { get; set; }

    /// <summary>Chip select, default 0 (CE0).</summary>
    public int ChipSelect { get; set; }

    /// <summary>MCP3008 input channel 0..7, default 0.</summary>
    public int Channel { get; set; }

    /// <summary>
    /// SPI clock, default 1 MHz. MCP3008 datasheet (DS21295) section 1.0, electrical characteristics: f_CLK at most
    /// 1.35 MHz at VDD = 2.7 V and 3.6 MHz at 5 V, and at least 10 kHz so the sample capacitor does not droop.
    /// </summary>
    public int ClockHz { get; set; } = 1_000_000;
}
