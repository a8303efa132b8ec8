using System.Device.Gpio;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Perimeter;

namespace Reintegratie.Edge.Sensors.Tests.Perimeter;

public sealed class PerimeterAdapterTests
{
    [Fact]
    public async Task Contact_StableOpen_PublishesExactlyOneAlarmWithHeader()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact()).Start();

        rig.SetAlarm();
        rig.Ms(200);

        var e = Assert.Single(rig.Sink.Perimeter);
        Assert.Equal(EventKind.Perimeter, e.Header.Kind);
        Assert.Equal(SensorFamily.Perimeter, e.Header.Family);
        Assert.Equal(1, e.Header.SensorIndex);
        Assert.Equal(1, e.Header.ZoneIndex);
        Assert.Equal(PerimeterState.Alarm, e.Data.State);
        Assert.Equal(PerimeterState.Normal, e.Data.Previous);
        Assert.Equal(PerimeterMode.Contact, e.Data.Mode);
        Assert.Equal(-1, e.Data.RawAdc);
        Assert.False(e.Data.FromSupervision);
        Assert.Equal(1, e.Data.TransitionsPerMinute);
    }

    [Fact]
    public async Task Contact_Alarm_IsStampedWhenTheLevelSettled()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact()).Start();
        var edgeAt = rig.Time.GetUtcNow();

        rig.SetAlarm();
        rig.Ms(200);

        var at = Assert.Single(rig.Sink.Perimeter).Header.At;
        Assert.InRange((at - edgeAt).TotalMilliseconds, 50, 60);
    }

    [Fact]
    public async Task Contact_BounceShorterThanDebounce_PublishesNothing()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact()).Start();

        rig.SetAlarm();
        rig.Ms(20);
        rig.SetNormal();
        rig.Ms(500);

        Assert.Empty(rig.Sink.Perimeter);
        Assert.Equal(PerimeterState.Normal, rig.Adapter.State);
    }

    [Fact]
    public async Task Contact_BouncingThenStable_PublishesOneAlarm()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact()).Start();

        for (var i = 0; i < 5; i++)
        {
            rig.SetAlarm();
            rig.Ms(10);
            rig.SetNormal();
            rig.Ms(10);
        }

        rig.SetAlarm();
        rig.Ms(45);
        Assert.Empty(rig.Sink.Perimeter); // not yet stable for the whole debounce time
        rig.Ms(200);

        Assert.Equal([PerimeterState.Alarm], rig.Sink.States);
    }

    [Fact]
    public async Task Contact_OpenThenClose_PublishesAlarmThenNormal()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact()).Start();

        rig.SetAlarm();
        rig.Ms(200);
        rig.SetNormal();
        rig.Ms(200);

        Assert.Equal([PerimeterState.Alarm, PerimeterState.Normal], rig.Sink.States);
        Assert.Equal(PerimeterState.Alarm, rig.Sink.Perimeter[1].Data.Previous);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public async Task Contact_ActiveLow_DecidesTheAlarmLevel(bool activeLow, int alarmLevel)
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact(o => o.ActiveLow = activeLow)).Start();

        rig.Gpio.SetInputLevel(PerimeterRig.Line, alarmLevel == 1 ? PinValue.High : PinValue.Low);
        rig.Ms(200);

        Assert.Equal([PerimeterState.Alarm], rig.Sink.States);
    }

    [Theory]
    [InlineData(PerimeterBias.None, PinMode.Input)]
    [InlineData(PerimeterBias.PullUp, PinMode.InputPullUp)]
    [InlineData(PerimeterBias.PullDown, PinMode.InputPullDown)]
    public async Task Contact_Bias_SetsThePinMode(PerimeterBias bias, PinMode expected)
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact(o => o.Bias = bias)).Start();

        Assert.Equal(expected, rig.Gpio.ModeOf(PerimeterRig.Line));
    }

    [Fact]
    public async Task Contact_InAlarmAtStart_PublishesAlarmFromSupervision()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact()).Start(inAlarm: true);

        var e = Assert.Single(rig.Sink.Perimeter);
        Assert.Equal(PerimeterState.Alarm, e.Data.State);
        Assert.True(e.Data.FromSupervision);
    }

    [Fact]
    public async Task Contact_Start_MarksSensorOnline()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact()).Start();

        Assert.Equal(SensorStatus.Online, rig.SensorHealth.Status);
        Assert.Empty(rig.Sink.Perimeter);
    }
}
