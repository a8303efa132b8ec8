using System.Buffers.Binary;
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

    public static (double P50, double P99, double P999, long Lost) Run(int port, int rate, long count, TimeSpan grace)
    {
        var book = new LatencyBook(count);
        using var subscriber = EventSubscriber.Start(port, "bench/baseline", book, p => p.Length >= 8 ? BinaryPrimitives.ReadInt64LittleEndian(p) : -1);
        using var publisher = new MqttClientFactory().CreateMqttClient();
        publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-pub-" + Guid.NewGuid().ToString("N")[..8]).Build())
            .GetAwaiter().GetResult();
        var pending = new List<Task>((int)count);
        Pacer.Run(rate, count, n =>
        {
            var payload = new byte[PayloadBytes];
            BinaryPrimitives.WriteInt64LittleEndian(payload, n);
            var m = new MqttApplicationMessageBuilder().WithTopic("bench/baseline").WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            book.Sent(n);
            pending.Add(publisher.PublishAsync(m));
        });
        Task.WhenAll(pending).Wait(grace);
        SpinWait.SpinUntil(() => book.ReceivedIn(0, count) == count, grace);
        return book.Summarise(0, count);
    }
}
