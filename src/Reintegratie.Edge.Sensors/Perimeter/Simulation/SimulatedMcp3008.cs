using System.Device.Spi;

namespace Reintegratie.Edge.Sensors.Perimeter.Simulation;

/// <summary>
/// An MCP3008 on an SPI bus, in memory: the hardware edge for <c>eol</c> inputs in tests and simulate mode. It answers
/// a full-duplex transfer bit by bit as the chip does (DS21295 section 5.0, Figures 5-1 and 5-2): it waits for the
/// start bit on DIN, takes SGL/DIFF and D2..D0, drives a 0 null bit one clock after D0, then B9..B0 MSB first, then
/// B1..B9 LSB first, then zeros; DOUT is high impedance (read as 1) before the null bit. Each channel's value is set
/// directly (<see cref="SetValue"/>) or from an EOL loop resistance (<see cref="SetLoopResistance"/>).
/// </summary>
/// <remarks>
/// <see cref="Responsive"/> false plays an unplugged or unpowered ADC (every bit reads 1, so the null bit is missing);
/// <see cref="FailTransfers"/> true makes the transfer throw as a failing spidev does. Dispose does nothing: the
/// simulator keeps driving the same device while the adapter restarts.
/// </remarks>
public sealed class SimulatedMcp3008 : SpiDevice
{
    /// <summary>The pull-up the loop resistance is measured against (hardware/perimeter-wiring.md), 10 kOhm.</summary>
    public const double DefaultPullUpOhms = 10_000;

    /// <summary>Loop resistance of a normal double-EOL loop (the 4k7 end-of-line resistor alone).</summary>
    public const double NormalLoopOhms = 4_700;

    /// <summary>Loop resistance in alarm (contact open: 4k7 + 4k7).</summary>
    public const double AlarmLoopOhms = 9_400;

    private readonly object _gate = new();
    private readonly int[] _values = new int[8];
    private readonly SpiConnectionSettings _settings;
    private bool _responsive = true;
    private bool _failTransfers;
    private long _transfers;

    /// <summary>Creates the device; every channel starts at a normal loop (4k7 under 10k: 327).</summary>
    public SimulatedMcp3008(SpiConnectionSettings? settings = null)
    {
        _settings = settings ?? new SpiConnectionSettings(0, 0) { ClockFrequency = 1_000_000, Mode = SpiMode.Mode0 };
        Array.Fill(_values, LoopValue(NormalLoopOhms, DefaultPullUpOhms));
    }

    /// <inheritdoc />
    public override SpiConnectionSettings ConnectionSettings => _settings;

    /// <summary>False: the ADC does not answer (MISO reads all ones).</summary>
    public bool Responsive
    {
        get { lock (_gate) { return _responsive; } }
        set { lock (_gate) { _responsive = value; } }
    }

    /// <summary>True: every transfer throws <see cref="IOException"/>.</summary>
    public bool FailTransfers
    {
        get { lock (_gate) { return _failTransfers; } }
        set { lock (_gate) { _failTransfers = value; } }
    }

    /// <summary>Full-duplex transfers done so far.</summary>
    public long Transfers => Interlocked.Read(ref _transfers);

    /// <summary>The conversion result of a channel (0..1023).</summary>
    public int GetValue(int channel)
    {
        lock (_gate)
        {
            return _values[CheckChannel(channel)];
        }
    }

    /// <summary>Sets the conversion result of a channel (0..1023).</summary>
    public void SetValue(int channel, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Mcp3008.MaxValue);
        lock (_gate)
        {
            _values[CheckChannel(channel)] = value;
        }
    }

    /// <summary>
    /// Sets a channel from a loop resistance under a pull-up to VREF: code = 1024 * R / (R + pull-up), at most 1023
    /// (datasheet "digital output code" = 1024 * VIN / VREF). <see cref="double.PositiveInfinity"/> is a cut loop.
    /// </summary>
    public void SetLoopResistance(int channel, double ohms, double pullUpOhms = DefaultPullUpOhms) =>
        SetValue(channel, LoopValue(ohms, pullUpOhms));

    /// <summary>The code a loop of <paramref name="ohms"/> under <paramref name="pullUpOhms"/> gives.</summary>
    public static int LoopValue(double ohms, double pullUpOhms = DefaultPullUpOhms)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ohms);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pullUpOhms);
        return double.IsPositiveInfinity(ohms) ? Mcp3008.MaxValue : (int)Math.Min(Mcp3008.MaxValue, Math.Floor(1024 * ohms / (ohms + pullUpOhms)));
    }

    /// <inheritdoc />
    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        if (writeBuffer.Length != readBuffer.Length)
        {
            throw new ArgumentException($"spidev needs equal lengths but write has {writeBuffer.Length} bytes and read {readBuffer.Length}.", nameof(readBuffer));
        }

        Interlocked.Increment(ref _transfers); // read by tests on another thread
        int[] values;
        lock (_gate)
        {
            if (_failTransfers)
            {
                throw new IOException("SPI transfer failed (simulated).");
            }

            if (!_responsive)
            {
                readBuffer.Fill(0xFF);
                return;
            }

            values = _values;
            Answer(writeBuffer, readBuffer, values);
        }
    }

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        // DIN stays low during a read, so there is no start bit and DOUT stays high impedance.
        Span<byte> zeros = stackalloc byte[buffer.Length];
        zeros.Clear();
        TransferFullDuplex(zeros, buffer);
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Span<byte> sink = stackalloc byte[buffer.Length];
        TransferFullDuplex(buffer, sink);
    }

    private static void Answer(ReadOnlySpan<byte> tx, Span<byte> rx, int[] values)
    {
        var bits = tx.Length * 8;
        var start = -1;
        for (var i = 0; i < bits; i++)
        {
            if (Bit(tx, i))
            {
                start = i;
                break;
            }
        }

        rx.Fill(0xFF); // high impedance until the null bit
        if (start < 0 || start + 4 >= bits)
        {
            return; // no complete command: the chip never converts
        }

        var single = Bit(tx, start + 1);
        var channel = (Bit(tx, start + 2) ? 4 : 0) | (Bit(tx, start + 3) ? 2 : 0) | (Bit(tx, start + 4) ? 1 : 0);
        var value = single ? values[channel] : Differential(values, channel);
        var nullBit = start + 6; // one clock after D0 completes the sample (section 5.0)
        for (var i = nullBit; i < bits; i++)
        {
            var k = i - nullBit;
            var one = k switch
            {
                0 => false,
                <= 10 => ((value >> (10 - k)) & 1) != 0,   // B9..B0, MSB first
                <= 19 => ((value >> (k - 10)) & 1) != 0,   // B1..B9, LSB first (Figure 5-2)
                _ => false,                                // then zeros indefinitely
            };
            SetBit(rx, i, one);
        }
    }

    private static int Differential(int[] values, int config)
    {
        // Table 5-2: configuration 000 is CH0 = IN+, CH1 = IN-; 001 swaps them; and so on per channel pair.
        var pair = config & 6;
        var plus = (config & 1) == 0 ? values[pair] : values[pair + 1];
        var minus = (config & 1) == 0 ? values[pair + 1] : values[pair];
        return Math.Max(0, plus - minus);
    }

    private static bool Bit(ReadOnlySpan<byte> data, int index) => (data[index >> 3] & (0x80 >> (index & 7))) != 0;

    private static void SetBit(Span<byte> data, int index, bool one)
    {
        var mask = (byte)(0x80 >> (index & 7));
        data[index >> 3] = one ? (byte)(data[index >> 3] | mask) : (byte)(data[index >> 3] & ~mask);
    }

    private static int CheckChannel(int channel) =>
        (uint)channel <= 7 ? channel : throw new ArgumentOutOfRangeException(nameof(channel), channel, "The MCP3008 has channels 0 to 7.");
}
