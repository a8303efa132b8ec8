using Reintegratie.Edge.Sensors.Perimeter;
using Reintegratie.Edge.Sensors.Perimeter.Simulation;

namespace Reintegratie.Edge.Sensors.Tests.Perimeter.Simulation;

public sealed class SimulatedMcp3008Tests
{
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(4_700.0, 327)]
    [InlineData(9_400.0, 496)]
    [InlineData(10_000.0, 512)]
    [InlineData(double.PositiveInfinity, 1023)]
    public void LoopValue_UnderA10kPullUp_Is1024TimesTheDivider(double ohms, int expected)
    {
        Assert.Equal(expected, SimulatedMcp3008.LoopValue(ohms));
    }

    [Fact]
    public void Transfer_ReadmeWorkedExample_Channel2NormalLoop()
    {
        using var adc = new SimulatedMcp3008();
        adc.SetLoopResistance(2, SimulatedMcp3008.NormalLoopOhms);
        var rx = new byte[3];

        adc.TransferFullDuplex([0x01, 0xA0, 0x00], rx);

        Assert.Equal(new byte[] { 0xFF, 0xF9, 0x47 }, rx);
    }

    [Fact]
    public void Transfer_LeadingZerosShiftTheStartBit_AnswerFollowsIt()
    {
        using var adc = new SimulatedMcp3008();
        adc.SetValue(5, 0x2A5);
        var rx = new byte[4];

        // Start bit at bit 14 instead of 7: the null bit then lands at bit 20, B9..B0 at 21..30.
        adc.TransferFullDuplex([0x00, 0x03, 0xA0, 0x00], rx); // start, SGL = 1, D = 101

        var bits = Convert.ToString((rx[0] << 24) | (rx[1] << 16) | (rx[2] << 8) | rx[3], 2).PadLeft(32, '0');
        Assert.Equal("0" + Convert.ToString(0x2A5, 2).PadLeft(10, '0'), bits.Substring(20, 11));
    }

    [Fact]
    public void Transfer_LongerTransfer_ThenLsbFirstThenZeros()
    {
        using var adc = new SimulatedMcp3008();
        adc.SetValue(0, 0b10_0000_0011);
        var rx = new byte[5];

        adc.TransferFullDuplex([0x01, 0x80, 0x00, 0x00, 0x00], rx);

        Assert.Equal(0b10_0000_0011, Mcp3008.Decode(rx));
        // bits 24..32: B1..B9 LSB first = 1,0,0,0,0,0,0,0,1 then zeros
        Assert.Equal(0b1000_0000, rx[3]);
        Assert.Equal(0b1000_0000, rx[4]);
    }

    [Fact]
    public void Transfer_Differential_IsInPlusMinusInMinus()
    {
        using var adc = new SimulatedMcp3008();
        adc.SetValue(2, 700);
        adc.SetValue(3, 200);
        var rx = new byte[3];

        adc.TransferFullDuplex([0x01, 0x20, 0x00], rx); // SGL/DIFF = 0, D = 010: CH2 = IN+, CH3 = IN-

        Assert.Equal(500, Mcp3008.Decode(rx));
    }

    [Fact]
    public void Transfer_NotResponsive_AllOnesSoDecodeRejects()
    {
        using var adc = new SimulatedMcp3008 { Responsive = false };

        Assert.Throws<Mcp3008Exception>(() => Mcp3008.Read(adc, 0));
    }

    [Fact]
    public void Transfer_Failing_ThrowsIOException()
    {
        using var adc = new SimulatedMcp3008 { FailTransfers = true };

        Assert.Throws<IOException>(() => Mcp3008.Read(adc, 0));
    }

    [Fact]
    public void Transfer_UnequalLengths_Throws()
    {
        using var adc = new SimulatedMcp3008();

        Assert.Throws<ArgumentException>(() => adc.TransferFullDuplex(new byte[3], new byte[2]));
    }
}
