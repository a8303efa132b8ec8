using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Perimeter;
using Reintegratie.Edge.Sensors.Perimeter.Simulation;

namespace Reintegratie.Edge.Sensors.Tests.Perimeter;

/// <summary>PerimeterAdapter in eol mode, on a simulated MCP3008.</summary>
public sealed class EolAdapterTests
{
    private static PerimeterOptions Eol(int channel = 3) => new()
    {
        Mode = PerimeterMode.Eol,
        Spi = new PerimeterSpiOptions { Channel = channel },
    };

    [Theory]
    [InlineData(SimulatedMcp3008.AlarmLoopOhms, PerimeterState.Alarm)]
    [InlineData(0.0, PerimeterState.TamperShort)]
    [InlineData(double.PositiveInfinity, PerimeterState.TamperOpen)]
    public async Task Loop_Resistance_PublishesItsBand(double ohms, PerimeterState expected)
    {
        await using var rig = new PerimeterRig(Eol()).Start();

        rig.Adc.SetLoopResistance(3, ohms);
        rig.Ms(500);

        var e = Assert.Single(rig.Sink.Perimeter);
        Assert.Equal(expected, e.Data.State);
        Assert.Equal(PerimeterMode.Eol, e.Data.Mode);
        Assert.Equal(SimulatedMcp3008.LoopValue(ohms), e.Data.RawAdc);
        Assert.False(e.Data.FromSupervision);
    }

    [Fact]
    public async Task Loop_NormalAtStart_PublishesNothingAndIsOnline()
    {
        await using var rig = new PerimeterRig(Eol()).Start();
        rig.Ms(1_000);

        Assert.Empty(rig.Sink.Perimeter);
        Assert.Equal(SensorStatus.Online, rig.SensorHealth.Status);
    }

    [Fact]
    public async Task Loop_OneSampleGlitch_PublishesNothing()
    {
        await using var rig = new PerimeterRig(Eol()).Start();

        rig.Adc.SetLoopResistance(3, SimulatedMcp3008.AlarmLoopOhms);
        rig.Ms(100); // exactly one sample in the alarm band
        rig.Adc.SetLoopResistance(3, SimulatedMcp3008.NormalLoopOhms);
        rig.Ms(1_000);

        Assert.Empty(rig.Sink.Perimeter);
    }

    [Fact]
    public async Task Loop_Cut_IsTamperInHealthToo()
    {
        await using var rig = new PerimeterRig(Eol()).Start();

        rig.Adc.SetLoopResistance(3, double.PositiveInfinity);
        rig.Ms(500);

        Assert.Equal(SensorStatus.Tamper, rig.SensorHealth.Status);
        Assert.Equal("tamper_open", rig.SensorHealth.Reason);
    }

    [Fact]
    public async Task Adc_NotAnswering_FaultThenRecovery()
    {
        await using var rig = new PerimeterRig(Eol()).Start();

        rig.Adc.Responsive = false;
        rig.Ms(500);
        Assert.Equal([PerimeterState.Fault], rig.Sink.States);
        Assert.Equal("unreadable", rig.SensorHealth.Reason);
        rig.Adc.Responsive = true;
        rig.Ms(500);

        Assert.Equal([PerimeterState.Fault, PerimeterState.Normal], rig.Sink.States);
        Assert.Equal(SensorStatus.Online, rig.SensorHealth.Status);
    }

    [Fact]
    public async Task Adc_TransferThrows_IsAFault()
    {
        await using var rig = new PerimeterRig(Eol()).Start();

        rig.Adc.FailTransfers = true;
        rig.Ms(500);

        Assert.Equal([PerimeterState.Fault], rig.Sink.States);
    }

    [Fact]
    public async Task Loop_FlappingBetweenBands_IsChatter()
    {
        var options = Eol();
        options.ChatterPerMinute = 10;
        await using var rig = new PerimeterRig(options).Start();

        for (var i = 0; i < 10; i++)
        {
            rig.Adc.SetLoopResistance(3, SimulatedMcp3008.AlarmLoopOhms);
            rig.Ms(100);
            rig.Adc.SetLoopResistance(3, SimulatedMcp3008.NormalLoopOhms);
            rig.Ms(100);
        }

        Assert.Equal([PerimeterState.Fault], rig.Sink.States);
        Assert.Equal("chatter", rig.SensorHealth.Reason);
    }

    [Fact]
    public void Constructor_EolWithGpioController_IsRefused()
    {
        var rig = new PerimeterRig(PerimeterRig.Contact());
        Assert.Throws<ArgumentException>(() => new PerimeterAdapter(rig.Sensor, Eol(), rig.Context, rig.Controller));
    }
}
