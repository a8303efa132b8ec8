using System.Device.Gpio;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Perimeter;

namespace Reintegratie.Edge.Sensors.Tests.Perimeter;

/// <summary>Chatter, supervision and unreadable lines (PerimeterAdapter, continued).</summary>
public sealed class PerimeterAdapterSupervisionTests
{
    [Fact]
    public async Task Chatter_AboveTheRate_PublishesOneFaultAndNoAlarms()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact(o => o.ChatterPerMinute = 10)).Start();

        for (var i = 0; i < 20; i++)
        {
            rig.SetAlarm();
            rig.Ms(20);
            rig.SetNormal();
            rig.Ms(20);
        }

        var e = Assert.Single(rig.Sink.Perimeter);
        Assert.Equal(PerimeterState.Fault, e.Data.State);
        Assert.Equal(11, e.Data.TransitionsPerMinute);
        Assert.Equal(SensorStatus.Fault, rig.SensorHealth.Status);
        Assert.Equal("chatter", rig.SensorHealth.Reason);
    }

    [Fact]
    public async Task Chatter_SlowTransitions_AreAlarmsNotAFault()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact(o => o.ChatterPerMinute = 10)).Start();

        for (var i = 0; i < 5; i++)
        {
            rig.SetAlarm();
            rig.Ms(2_000);
            rig.SetNormal();
            rig.Ms(2_000);
        }

        Assert.Equal(10, rig.Sink.States.Count);
        Assert.DoesNotContain(PerimeterState.Fault, rig.Sink.States);
    }

    [Fact]
    public async Task Chatter_AfterAQuietMinute_RecoversToTheLineState()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact(o => o.ChatterPerMinute = 10)).Start();
        for (var i = 0; i < 8; i++)
        {
            rig.SetAlarm();
            rig.Ms(20);
            rig.SetNormal();
            rig.Ms(20);
        }

        rig.SetAlarm(); // the fence ends up open
        rig.Advance(TimeSpan.FromSeconds(50), TimeSpan.FromMilliseconds(50));
        Assert.Equal([PerimeterState.Fault], rig.Sink.States); // not quiet for a minute yet
        rig.Advance(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));

        Assert.Equal([PerimeterState.Fault, PerimeterState.Alarm], rig.Sink.States);
        Assert.Equal(PerimeterState.Fault, rig.Sink.Perimeter[1].Data.Previous);
        Assert.Equal(SensorStatus.Online, rig.SensorHealth.Status);
    }

    [Fact]
    public async Task Supervision_MissedEdge_PublishedFromSupervision()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact()).Start();

        rig.Gpio.SetInputLevel(PerimeterRig.Line, PinValue.High, notify: false);
        rig.Advance(TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(50));
        Assert.Empty(rig.Sink.Perimeter); // no edge: only the supervision read can see it
        rig.Advance(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(10));

        var e = Assert.Single(rig.Sink.Perimeter);
        Assert.Equal(PerimeterState.Alarm, e.Data.State);
        Assert.True(e.Data.FromSupervision);
    }

    [Fact]
    public async Task Supervision_LevelBackBeforeConfirmation_PublishesNothing()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact(o => o.DebounceMs = 200)).Start();
        rig.Advance(TimeSpan.FromSeconds(4.9), TimeSpan.FromMilliseconds(50));

        rig.Gpio.SetInputLevel(PerimeterRig.Line, PinValue.High, notify: false);
        rig.Ms(150); // the supervision read at 5 s sees it, and arms a confirmation read
        rig.Gpio.SetInputLevel(PerimeterRig.Line, PinValue.Low, notify: false);
        rig.Ms(400);

        Assert.Empty(rig.Sink.Perimeter);
    }

    [Fact]
    public async Task Supervision_ValidReads_KeepTheSensorOnline()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact()).Start();
        var before = rig.SensorHealth.LastSeen;

        rig.Advance(TimeSpan.FromSeconds(11), TimeSpan.FromMilliseconds(100));
        rig.Health.Supervise();

        Assert.Equal(SensorStatus.Online, rig.SensorHealth.Status);
        Assert.True(rig.SensorHealth.LastSeen >= before.AddSeconds(10));
    }

    [Fact]
    public async Task Unreadable_Line_FaultThenRecovery()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact()).Start();

        rig.Gpio.SetReadable(PerimeterRig.Line, false);
        rig.Advance(TimeSpan.FromSeconds(11), TimeSpan.FromMilliseconds(100));
        var fault = Assert.Single(rig.Sink.Perimeter);
        Assert.Equal(PerimeterState.Fault, fault.Data.State);
        Assert.True(fault.Data.FromSupervision);
        Assert.Equal(SensorStatus.Fault, rig.SensorHealth.Status);
        Assert.Equal("unreadable", rig.SensorHealth.Reason);

        rig.Gpio.SetReadable(PerimeterRig.Line, true);
        rig.Advance(TimeSpan.FromSeconds(6), TimeSpan.FromMilliseconds(10));

        Assert.Equal([PerimeterState.Fault, PerimeterState.Normal], rig.Sink.States);
        Assert.Equal(SensorStatus.Online, rig.SensorHealth.Status);
    }

    [Fact]
    public async Task Unreadable_DuringDebounce_IsAFault()
    {
        await using var rig = new PerimeterRig(PerimeterRig.Contact()).Start();

        rig.SetAlarm();
        rig.Gpio.SetReadable(PerimeterRig.Line, false);
        rig.Ms(100);

        Assert.Equal([PerimeterState.Fault], rig.Sink.States);
    }

    [Fact]
    public async Task Dual_TamperLine_PublishesTamperOpenThenNormal()
    {
        var options = PerimeterRig.Contact(o =>
        {
            o.Mode = PerimeterMode.Dual;
            o.TamperLine = PerimeterRig.TamperLine;
        });
        await using var rig = new PerimeterRig(options).Start();

        rig.SetAlarm(PerimeterRig.TamperLine);
        rig.Ms(100);
        Assert.Equal(SensorStatus.Tamper, rig.SensorHealth.Status);
        rig.SetNormal(PerimeterRig.TamperLine);
        rig.Ms(100);
        rig.SetAlarm();
        rig.Ms(100);

        Assert.Equal([PerimeterState.TamperOpen, PerimeterState.Normal, PerimeterState.Alarm], rig.Sink.States);
        Assert.All(rig.Sink.Perimeter, e => Assert.Equal(PerimeterMode.Dual, e.Data.Mode));
        Assert.Equal(SensorStatus.Online, rig.SensorHealth.Status);
    }

    [Fact]
    public async Task Dual_TamperWhileInAlarm_TamperWins()
    {
        var options = PerimeterRig.Contact(o =>
        {
            o.Mode = PerimeterMode.Dual;
            o.TamperLine = PerimeterRig.TamperLine;
        });
        await using var rig = new PerimeterRig(options).Start();

        rig.SetAlarm();
        rig.Ms(100);
        rig.SetAlarm(PerimeterRig.TamperLine);
        rig.Ms(100);

        Assert.Equal([PerimeterState.Alarm, PerimeterState.TamperOpen], rig.Sink.States);
    }

    [Fact]
    public async Task Open_UnsupportedBias_FaultThenRetriesUntilItWorks()
    {
        var rig = new PerimeterRig(PerimeterRig.Contact());
        await using var _ = rig;
        rig.Gpio.SetModeSupported(PerimeterRig.Line, PinMode.InputPullUp, false);

        rig.Start();
        Assert.Equal([PerimeterState.Fault], rig.Sink.States);
        Assert.Equal("open_failed", rig.SensorHealth.Reason);
        Assert.False(rig.Run!.IsCompleted);

        rig.Gpio.SetModeSupported(PerimeterRig.Line, PinMode.InputPullUp, true);
        await rig.AdvanceUntilAsync(() => rig.Sink.States.Count == 2, TimeSpan.FromMinutes(2));

        Assert.Equal([PerimeterState.Fault, PerimeterState.Normal], rig.Sink.States);
        Assert.Equal(SensorStatus.Online, rig.SensorHealth.Status);
    }

    [Fact]
    public async Task Cancel_ClosesTheLinesAndDropsTheCallbacks()
    {
        var rig = new PerimeterRig(PerimeterRig.Contact()).Start();
        Assert.Equal(1, rig.Gpio.CallbackCount(PerimeterRig.Line));

        await rig.DisposeAsync();

        Assert.False(rig.Gpio.IsOpen(PerimeterRig.Line));
        Assert.Equal(0, rig.Gpio.CallbackCount(PerimeterRig.Line));
    }
}
