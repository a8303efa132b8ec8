using System.Buffers.Binary;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// The floor: a bare MQTTnet QoS 1 publish from the harness to the same broker, received by a subscriber in the same
/// process, at the same rate and with a payload of the size of an event message. No serial line, no pipeline, no journal.
/// </summary>
internal static class BareMqttBaseline
{
    public const int PayloadBytes = 640;

    /// <summary>Unacknowledged publishes at once in the sustained run, as the gateway's events feed.</summary>
    public const int InFlight = 256;

    public static (double P50, double P99, double P999, long Lost) Run(int port, int rate, long count, TimeSpan grace)
    {
        var book = new LatencyBook(count);
        using var subscriber = EventSubscriber.Start(port, "bench/baseline", book, NumberOf);
        using var publisher = Connect(port);
        var pending = new List<Task>((int)count);
        Pacer.Run(rate, count, n =>
        {
            book.Sent(n);
            pending.Add(publisher.PublishAsync(Message(n)));
        });
        Task.WhenAll(pending).Wait(grace);
        SpinWait.SpinUntil(() => book.ReceivedIn(0, count) == count, grace);
        return book.Summarise(0, count);
    }

    /// <summary>
    /// The bare floor at a sustained high rate (the 50k/s phase's bound without the gateway): the rate the harness wrote
    /// and the subscriber read, what was lost, p99, and the CPU per message of the harness (publisher, subscriber and
    /// pacer: two MQTTnet clients) and of mosquitto, from /proc ticks over the whole phase including the drain. At most
    /// <see cref="InFlight"/> publishes unacknowledged, so a slow broker slows the writer as it slows the gateway.
    /// </summary>
    public static BareFlood RunFlood(int port, int brokerPid, int rate, long count, TimeSpan grace)
    {
        var book = new LatencyBook(count);
        using var subscriber = EventSubscriber.Start(port, "bench/baseline", book, NumberOf);
        using var publisher = Connect(port);
        var me0 = ThreadCpu.Of(Environment.ProcessId);
        var mq0 = ThreadCpu.Of(brokerPid);
        // The gateway's window (Mqtt:Events:MaxInFlight, 256): unbounded PublishAsync calls queue on MQTTnet's send lock
        // and packet dispatcher, which here cost 227 µs of harness CPU per message and reached 2,761/s at load 30.
        using var window = new SemaphoreSlim(InFlight, InFlight);
        var t0 = Stopwatch.GetTimestamp();
        Pacer.Run(rate, count, n =>
        {
            window.Wait();
            book.Sent(n);
            publisher.PublishAsync(Message(n)).ContinueWith(static (_, w) => ((SemaphoreSlim)w!).Release(), window, TaskScheduler.Default);
        });
        var sendSeconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        var seen = book.ReceivedIn(0, count);
        var moved = Stopwatch.GetTimestamp();
        var last = moved;
        while (seen < count && Stopwatch.GetElapsedTime(moved) < grace)
        {
            Thread.Sleep(100);
            var now = book.ReceivedIn(0, count);
            if (now != seen)
            {
                seen = now;
                moved = last = Stopwatch.GetTimestamp();
            }
        }

        var seconds = Math.Max((last - t0) / (double)Stopwatch.Frequency, sendSeconds);
        var meTicks = ThreadCpu.Of(Environment.ProcessId).PercentSince(me0, 1.0); // % of one core over 1 s = ticks
        var mqTicks = ThreadCpu.Of(brokerPid).PercentSince(mq0, 1.0);
        var (p50, p99, p999, lost) = book.Summarise(0, count);
        var received = Math.Max(1, count - lost);
        return new BareFlood(count / sendSeconds, received / seconds, lost, p50, p99, p999,
            meTicks * 10_000.0 / received, mqTicks * 10_000.0 / received, meTicks / seconds, mqTicks / seconds);
    }

    private static long NumberOf(ReadOnlySpan<byte> payload) => payload.Length >= 8 ? BinaryPrimitives.ReadInt64LittleEndian(payload) : -1;

    private static IMqttClient Connect(int port)
    {
        var publisher = new MqttClientFactory().CreateMqttClient();
        publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-pub-" + Guid.NewGuid().ToString("N")[..8]).Build())
            .GetAwaiter().GetResult();
        return publisher;
    }

    private static MqttApplicationMessage Message(long n)
    {
        var payload = new byte[PayloadBytes];
        BinaryPrimitives.WriteInt64LittleEndian(payload, n);
        return new MqttApplicationMessageBuilder().WithTopic("bench/baseline").WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
    }
}

/// <summary>
/// The bare MQTTnet floor at a sustained rate: written and received per second, lost, latency, CPU per message (µs of
/// CPU time per received message: harness = publisher + subscriber, broker = mosquitto) and as % of one core.
/// </summary>
internal sealed record BareFlood(
    double SentPerSecond,
    double ReceivedPerSecond,
    long Lost,
    double P50,
    double P99,
    double P999,
    double HarnessUsPerMessage,
    double BrokerUsPerMessage,
    double HarnessCpuPercent,
    double BrokerCpuPercent);
