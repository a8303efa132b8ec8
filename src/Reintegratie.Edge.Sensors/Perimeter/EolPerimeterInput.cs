using System.Device.Gpio;
using System.Device.Spi;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>An <c>eol</c> input: a double end-of-line loop on one MCP3008 channel, sampled (no edges).</summary>
internal sealed class EolPerimeterInput : IPerimeterInput
{
    private readonly PerimeterOptions _options;
    private readonly Func<SpiDevice> _open;
    private readonly bool _ownsDevice;
    private SpiDevice? _device;

    /// <param name="options">The input's options.</param>
    /// <param name="open">Gives the SPI device (creates it when <paramref name="ownsDevice"/>).</param>
    /// <param name="ownsDevice">True: <see cref="Close"/> disposes the device <paramref name="open"/> made.</param>
    public EolPerimeterInput(PerimeterOptions options, Func<SpiDevice> open, bool ownsDevice)
    {
        _options = options;
        _open = open;
        _ownsDevice = ownsDevice;
    }

    public bool EdgeDriven => false;

    public string Describe => $"spidev{_options.Spi.Bus}.{_options.Spi.ChipSelect} MCP3008 channel {_options.Spi.Channel}";

    public void Open(PinChangeEventHandler onEdge) => _device = _open();

    public PerimeterState Read(out short raw)
    {
        var device = _device ?? throw new InvalidOperationException("The input is not open.");
        var value = Mcp3008.Read(device, _options.Spi.Channel);
        raw = (short)value;
        return _options.Eol.Classify(value);
    }

    public void Close()
    {
        var device = _device;
        _device = null;
        if (device is not null && _ownsDevice)
        {
#pragma warning disable CA1031 // releasing hardware on shutdown must not throw
            try
            {
                device.Dispose();
            }
            catch (Exception)
            {
            }
#pragma warning restore CA1031
        }
    }

    public void Dispose() => Close();
}
