using CsCheck;
using Reintegratie.Edge.Sensors.Perimeter;
using Reintegratie.Edge.Sensors.Perimeter.Simulation;

namespace Reintegratie.Edge.Sensors.Tests.Perimeter;

public sealed class Mcp3008Tests
{
    [Theory]
    [InlineData(0, 0x80)]
    [InlineData(1, 0x90)]
    [InlineData(2, 0xA0)]
    [InlineData(3, 0xB0)]
    [InlineData(4, 0xC0)]
    [InlineData(5, 0xD0)]
    [InlineData(6, 0xE0)]
    [InlineData(7, 0xF0)]
    public void WriteCommand_EachChannel_StartBitThenSingleEndedChannel(int channel, byte second)
    {
        Span<byte> cmd = stackalloc byte[3];

        Mcp3008.WriteCommand(channel, cmd);

        Assert.Equal(new byte[] { 0x01, second, 0x00 }, cmd.ToArray());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    public void WriteCommand_ChannelOutOfRange_Throws(int channel)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Mcp3008.WriteCommand(channel, new byte[3]));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xF8, 0x00 }, 0)]
    [InlineData(new byte[] { 0xFF, 0xF9, 0x47 }, 327)]
    [InlineData(new byte[] { 0x00, 0x03, 0xFF }, 1023)]
    [InlineData(new byte[] { 0x00, 0x02, 0x00 }, 512)]
    public void Decode_Reply_TakesB9B8FromByte1AndB7B0FromByte2(byte[] reply, int expected)
    {
        Assert.Equal(expected, Mcp3008.Decode(reply));
    }

    [Fact]
    public void Decode_NullBitHigh_SaysTheAdcDoesNotAnswer()
    {
        var ex = Assert.Throws<Mcp3008Exception>(() => Mcp3008.Decode([0xFF, 0xFF, 0xFF]));
        Assert.Contains("null bit", ex.Message);
    }

    [Fact]
    public void Decode_ShortReply_SaysWhatWasExpected()
    {
        var ex = Assert.Throws<Mcp3008Exception>(() => Mcp3008.Decode([0x00, 0x01]));
        Assert.Contains("Expected 3 reply bytes but there are only 2", ex.Message);
    }

    [Fact]
    public void Decode_AnyBytes_AValueInRangeOrACleanRejection()
    {
        Gen.Byte.Array[0, 6].Sample(bytes =>
        {
            try
            {
                var v = Mcp3008.Decode(bytes);
                return v is >= 0 and <= Mcp3008.MaxValue;
            }
            catch (Mcp3008Exception)
            {
                return true;
            }
        });
    }

    [Fact]
    public void Read_OnSimulatedChip_RoundTripsEveryChannelAndValue()
    {
        using var adc = new SimulatedMcp3008();
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, Mcp3008.MaxValue]).Sample((channel, value) =>
        {
            adc.SetValue(channel, value);
            return Mcp3008.Read(adc, channel) == value;
        }, threads: 1); // one simulated chip: CsCheck's default parallel sampling would race SetValue against Read
    }

    [Fact]
    public void Read_ReadsTheChosenChannelOnly()
    {
        using var adc = new SimulatedMcp3008();
        for (var ch = 0; ch < 8; ch++)
        {
            adc.SetValue(ch, 100 + ch);
        }

        for (var ch = 0; ch < 8; ch++)
        {
            Assert.Equal(100 + ch, Mcp3008.Read(adc, ch));
        }
    }
}
