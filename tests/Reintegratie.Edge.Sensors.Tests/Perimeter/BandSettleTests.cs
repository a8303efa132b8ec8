using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Perimeter;

namespace Reintegratie.Edge.Sensors.Tests.Perimeter;

public sealed class BandSettleTests
{
    [Fact]
    public void Observe_SameBandForTheSettleCount_Settles()
    {
        var b = new BandSettle(3);

        Assert.False(b.Observe(PerimeterState.Alarm, out _));
        Assert.False(b.Observe(PerimeterState.Alarm, out _));
        Assert.True(b.Observe(PerimeterState.Alarm, out var changed));
        Assert.False(changed);
    }

    [Fact]
    public void Observe_BandChange_RestartsTheRunAndReportsARawTransition()
    {
        var b = new BandSettle(2);
        b.Observe(PerimeterState.Normal, out var first);
        b.Observe(PerimeterState.Normal, out _);

        var settled = b.Observe(PerimeterState.TamperOpen, out var changed);

        Assert.False(first);
        Assert.True(changed);
        Assert.False(settled);
        Assert.True(b.Observe(PerimeterState.TamperOpen, out _));
    }

    [Fact]
    public void Reset_NextSampleIsNotATransition()
    {
        var b = new BandSettle(2);
        b.Observe(PerimeterState.Normal, out _);

        b.Reset();
        b.Observe(PerimeterState.Alarm, out var changed);

        Assert.False(changed);
    }
}
