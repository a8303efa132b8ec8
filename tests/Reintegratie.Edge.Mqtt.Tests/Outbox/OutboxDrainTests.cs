using System.Collections.Concurrent;
using System.Text;
using Reintegratie.Edge.Mqtt.Outbox;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Tests.Outbox;

/// <summary>
/// The drain's ordering, deletion and coalescing rules without a network: the channel double records what was sent and
/// holds PUBACKs until the test releases them (the real-broker behaviour is covered by the mosquitto tests).
/// </summary>
public sealed class OutboxDrainTests
{
    private readonly MqttTopics _topics = new("pi-edge", "s", "g");

    [Fact]
    public async Task RunAsync_AcksHeld_RowsStayUntilAckedAndDeleteInOrder()
    {
        var outbox = Rows(5, "alerts");
        var channel = new HeldAckChannel();
        var drain = new OutboxDrain(outbox, _topics, new ActiveAlertsCache(), 60);
        using var cts = new CancellationTokenSource();
        var run = drain.RunAsync(channel, maxInFlight: 3, cts.Token);

        await Wait.UntilAsync(() => channel.Sent.Count == 3, TimeSpan.FromSeconds(10), "three in flight");
        Assert.Equal(5, outbox.PendingCount);
        channel.Ack(2); // out-of-order PUBACK for the second: nothing deletable before the first
        await Task.Delay(100);
        Assert.Equal(5, outbox.PendingCount);
        channel.Ack(1);
        await Wait.UntilAsync(() => outbox.PendingCount == 3, TimeSpan.FromSeconds(10), "first two deleted");
        channel.AckAll(expected: 5);
        await Wait.UntilAsync(() => outbox.PendingCount == 0 && channel.Sent.Count == 5, TimeSpan.FromSeconds(10), "all sent and deleted");

        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, outbox.Deleted);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{{\"n\":{i}}}"), channel.Sent.Select(m => Encoding.UTF8.GetString(m.Payload.Span)));
        Assert.All(channel.Sent, m => Assert.Equal(("pi-edge/s/g/alerts", 60u, false), (m.Topic, m.ExpirySeconds, m.Retain)));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task RunAsync_RefusedPublish_ThrowsAndNextRunResumesAtOldestUndeleted()
    {
        var outbox = Rows(4, "alerts");
        var channel = new HeldAckChannel { Refuse = id => id == 2 };
        var drain = new OutboxDrain(outbox, _topics, new ActiveAlertsCache(), 0);
        channel.AutoAck = true;

        var ex = await Assert.ThrowsAsync<OutboxPublishException>(() => drain.RunAsync(channel, 8, CancellationToken.None));

        Assert.Equal(2, ex.RowId);
        Assert.Equal(new long[] { 1 }, outbox.Deleted);
        channel.Refuse = _ => false;
        channel.Sent.Clear();
        using var cts = new CancellationTokenSource();
        var run = drain.RunAsync(channel, 8, cts.Token);
        await Wait.UntilAsync(() => outbox.PendingCount == 0, TimeSpan.FromSeconds(10), "rest delivered");
        Assert.Equal(new[] { 2, 3, 4 }, channel.Sent.Select(m => int.Parse(Encoding.UTF8.GetString(m.Payload.Span)[5..^1])));
        Assert.Empty(outbox.Violations);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task RunAsync_SeveralActiveListsInBacklog_PublishesOnlyNewestAndDeletesAllInOrder()
    {
        var outbox = new InMemoryOutbox();
        outbox.Add("alerts", "{\"n\":1}");
        outbox.Add("alerts/active", "[1]", retain: true);
        outbox.Add("alerts", "{\"n\":2}");
        outbox.Add("alerts/active", "[1,2]", retain: true);
        outbox.Add("alerts/active", "[2]", retain: true);
        var cache = new ActiveAlertsCache();
        var channel = new HeldAckChannel { AutoAck = true };
        var drain = new OutboxDrain(outbox, _topics, cache, 60);
        using var cts = new CancellationTokenSource();

        var run = drain.RunAsync(channel, 8, cts.Token);
        await Wait.UntilAsync(() => outbox.PendingCount == 0, TimeSpan.FromSeconds(10), "backlog drained");

        Assert.Equal(new[] { "{\"n\":1}", "{\"n\":2}", "[2]" }, channel.Sent.Select(m => Encoding.UTF8.GetString(m.Payload.Span)));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, outbox.Deleted);
        Assert.Equal(2, drain.Coalesced);
        Assert.Equal("[2]", Encoding.UTF8.GetString(cache.Latest!.Value.Span));
        Assert.Equal(0u, channel.Sent[^1].ExpirySeconds); // retained state never expires
        Assert.Empty(outbox.Violations);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task RunAsync_EmptyOutbox_WaitsForNewRows()
    {
        var outbox = new InMemoryOutbox();
        var channel = new HeldAckChannel { AutoAck = true };
        var drain = new OutboxDrain(outbox, _topics, new ActiveAlertsCache(), 60);
        using var cts = new CancellationTokenSource();
        var run = drain.RunAsync(channel, 8, cts.Token);
        await Task.Delay(100);
        Assert.Empty(channel.Sent);

        outbox.Add("alerts", "{\"n\":1}");

        await Wait.UntilAsync(() => outbox.PendingCount == 0, TimeSpan.FromSeconds(10), "new row delivered");
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private static InMemoryOutbox Rows(int n, string topic)
    {
        var outbox = new InMemoryOutbox();
        for (var i = 1; i <= n; i++)
        {
            outbox.Add(topic, $"{{\"n\":{i}}}");
        }

        return outbox;
    }

    /// <summary>Records publishes; completes them on <see cref="Ack"/> (by 1-based send index) or at once with <see cref="AutoAck"/>.</summary>
    private sealed class HeldAckChannel : IPublishChannel
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource<PublishOutcome>> _pending = new();

        public List<OutgoingMessage> Sent { get; } = new();

        public bool AutoAck { get; set; }

        public Func<int, bool> Refuse { get; set; } = _ => false;

        public Task<PublishOutcome> PublishAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                Sent.Add(message);
                var n = int.TryParse(Encoding.UTF8.GetString(message.Payload.Span).Replace("{\"n\":", "").TrimEnd('}'), out var v) ? v : -1;
                if (AutoAck)
                {
                    return Task.FromResult(new PublishOutcome(!Refuse(n), Refuse(n) ? "NotAuthorized" : "Success"));
                }

                var tcs = new TaskCompletionSource<PublishOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending[Sent.Count] = tcs;
                return tcs.Task;
            }
        }

        public void Ack(int sendIndex) => _pending[sendIndex].TrySetResult(new PublishOutcome(true, "Success"));

        public void AckAll(int expected)
        {
            while (true)
            {
                foreach (var tcs in _pending.Values)
                {
                    tcs.TrySetResult(new PublishOutcome(true, "Success"));
                }

                lock (Sent)
                {
                    if (Sent.Count == expected && _pending.Values.All(t => t.Task.IsCompleted))
                    {
                        return;
                    }
                }

                Thread.Sleep(10);
            }
        }
    }
}
