using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Mqtt.Session;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Mqtt.Tests.Session;

public sealed class BrokerPathMonitorTests
{
    private static readonly DateTimeOffset s_t0 = new(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_DownShorterThanThreshold_RaisesNothing()
    {
        var sink = new CollectingEventSink();
        var monitor = new BrokerPathMonitor(sink, TimeSpan.FromSeconds(10), s_t0);
        monitor.MarkUp(s_t0);
        monitor.MarkDown(s_t0.AddSeconds(1));

        monitor.Evaluate(s_t0.AddSeconds(10.9));

        Assert.Empty(sink.Health);
    }

    [Fact]
    public void Evaluate_DownForThreshold_RaisesLostOnceThenRestoredOnReconnect()
    {
        var sink = new CollectingEventSink();
        var monitor = new BrokerPathMonitor(sink, TimeSpan.FromSeconds(10), s_t0);
        monitor.MarkUp(s_t0);
        monitor.MarkDown(s_t0.AddSeconds(1));

        monitor.Evaluate(s_t0.AddSeconds(11));
        monitor.Evaluate(s_t0.AddSeconds(20));
        monitor.MarkUp(s_t0.AddSeconds(30));

        var events = sink.Health.ToArray();
        Assert.Equal(2, events.Length);
        Assert.Equal(new EventHeader(EventKind.Gateway, SensorFamily.Gateway, -1, -1, s_t0.AddSeconds(11)), events[0].Header);
        Assert.Equal((SensorStatus.Offline, BrokerPathMonitor.LostReason), (events[0].Health.Status, events[0].Health.Reason.ToString()));
        Assert.Equal((SensorStatus.Online, BrokerPathMonitor.RestoredReason), (events[1].Health.Status, events[1].Health.Reason.ToString()));
        Assert.False(monitor.IsLost);
    }

    [Fact]
    public void Evaluate_NeverConnectedSinceStart_RaisesLost()
    {
        var sink = new CollectingEventSink();
        var monitor = new BrokerPathMonitor(sink, TimeSpan.FromSeconds(10), s_t0);

        monitor.Evaluate(s_t0.AddSeconds(10));

        Assert.Equal(BrokerPathMonitor.LostReason, Assert.Single(sink.Health).Health.Reason.ToString());
    }

    [Fact]
    public void MarkUp_WithoutLostRaised_PublishesNothing()
    {
        var sink = new CollectingEventSink();
        var monitor = new BrokerPathMonitor(sink, TimeSpan.FromSeconds(10), s_t0);

        monitor.MarkUp(s_t0.AddSeconds(3));

        Assert.Empty(sink.Health);
        Assert.True(monitor.IsConnected);
    }
}
