using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Perimeter;
using Reintegratie.Edge.Sensors.Perimeter.Simulation;

namespace Reintegratie.Edge.Sensors.Tests.Perimeter;

public sealed class EolThresholdsTests
{
    [Theory]
    [InlineData(0, PerimeterState.TamperShort)]
    [InlineData(159, PerimeterState.TamperShort)]
    [InlineData(160, PerimeterState.Normal)]
    [InlineData(327, PerimeterState.Normal)]
    [InlineData(409, PerimeterState.Normal)]
    [InlineData(410, PerimeterState.Alarm)]
    [InlineData(496, PerimeterState.Alarm)]
    [InlineData(759, PerimeterState.Alarm)]
    [InlineData(760, PerimeterState.TamperOpen)]
    [InlineData(1023, PerimeterState.TamperOpen)]
    public void Classify_DefaultThresholds_AtAndAroundEachBoundary(int adc, PerimeterState expected)
    {
        Assert.Equal(expected, EolThresholds.Default.Classify(adc));
    }

    [Theory]
    [InlineData(4_465.0, PerimeterState.Normal)]  // 4k7 - 5 %
    [InlineData(4_935.0, PerimeterState.Normal)]  // 4k7 + 5 %
    [InlineData(8_930.0, PerimeterState.Alarm)]   // 9k4 - 5 %
    [InlineData(9_870.0, PerimeterState.Alarm)]   // 9k4 + 5 %
    [InlineData(100.0, PerimeterState.TamperShort)]
    [InlineData(100_000.0, PerimeterState.TamperOpen)]
    public void Classify_DefaultThresholds_ToleratesFivePercentResistors(double ohms, PerimeterState expected)
    {
        Assert.Equal(expected, EolThresholds.Default.Classify(SimulatedMcp3008.LoopValue(ohms)));
    }

    [Fact]
    public void Classify_CustomThresholds_AreUsed()
    {
        var t = new EolThresholds(100, 200, 300);

        Assert.Equal(PerimeterState.TamperShort, t.Classify(99));
        Assert.Equal(PerimeterState.Normal, t.Classify(100));
        Assert.Equal(PerimeterState.Alarm, t.Classify(200));
        Assert.Equal(PerimeterState.TamperOpen, t.Classify(300));
    }
}
