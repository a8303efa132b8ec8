using System.Device.Spi;

namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>
/// Single-ended conversions of a Microchip MCP3008 (8-channel 10-bit SAR ADC) over SPI mode 0, using the
/// three 8-bit transfers of datasheet DS21295, section 6.1 "Using the MCP3004/3008 with Microcontroller (MCU) SPI
/// Ports", Figure 6-1. Sent: <c>0000_0001</c> (start bit last, so the reply is byte-aligned), <c>S D2 D1 D0 xxxx</c>
/// (SGL/DIFF = 1 for single-ended and the channel, Table 5-2), <c>xxxx_xxxx</c>. Received: byte 1 carries the null bit
/// (bit 2, always 0) and B9..B8 in bits 1..0, byte 2 carries B7..B0.
/// </summary>
public static class Mcp3008
{
    /// <summary>Bytes per conversion.</summary>
    public const int TransferLength = 3;

    /// <summary>Largest conversion result (10 bits).</summary>
    public const int MaxValue = 1023;

    /// <summary>Writes the three command bytes for a single-ended conversion of <paramref name="channel"/> (0..7).</summary>
    public static void WriteCommand(int channel, Span<byte> command)
    {
        if ((uint)channel > 7)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "The MCP3008 has channels 0 to 7.");
        }

        if (command.Length < TransferLength)
        {
            throw new ArgumentException($"Expected at least {TransferLength} bytes for the command but there are only {command.Length}.", nameof(command));
        }

        command[0] = 0x01;                          // seven leading zeros, then the start bit (Figure 6-1)
        command[1] = (byte)(0x80 | (channel << 4)); // SGL/DIFF = 1 (single-ended), D2 D1 D0 = channel (Table 5-2)
        command[2] = 0x00;                          // don't care: clocks out B7..B0
    }

    /// <summary>Decodes the 10-bit result from the three bytes received during <see cref="WriteCommand"/>'s transfer.</summary>
    /// <exception cref="Mcp3008Exception">Fewer than three bytes, or the null bit is not 0 (nothing drives MISO).</exception>
    public static int Decode(ReadOnlySpan<byte> reply)
    {
        if (reply.Length < TransferLength)
        {
            throw new Mcp3008Exception($"Expected {TransferLength} reply bytes but there are only {reply.Length}.");
        }

        // The ADC drives DOUT low for one clock (the null bit) before B9 (section 5.0, Figure 5-1). A high null bit
        // means nothing answered: MISO floats or is pulled up, so every value would be garbage.
        if ((reply[1] & 0x04) != 0)
        {
            throw new Mcp3008Exception($"Expected the null bit (byte 1, bit 2) to be 0 but the reply is {Convert.ToHexString(reply[..TransferLength])}: the ADC does not answer.");
        }

        return ((reply[1] & 0x03) << 8) | reply[2];
    }

    /// <summary>Converts <paramref name="channel"/> once (one full-duplex transfer, no allocation).</summary>
    public static int Read(SpiDevice device, int channel)
    {
        ArgumentNullException.ThrowIfNull(device);
        Span<byte> tx = stackalloc byte[TransferLength];
        Span<byte> rx = stackalloc byte[TransferLength];
        WriteCommand(channel, tx);
        device.TransferFullDuplex(tx, rx);
        return Decode(rx);
    }
}
