using System.Buffers;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>An MQTTnet subscriber that timestamps every message on arrival and books it by frame number.</summary>
internal sealed class EventSubscriber : IDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    private EventSubscriber()
    {
    }

    public static EventSubscriber Start(int port, string filter, LatencyBook book, Func<ReadOnlySpan<byte>, long> numberOf)
    {
        var s = new EventSubscriber();
        s._client.ApplicationMessageReceivedAsync += e =>
        {
            var now = Stopwatch.GetTimestamp();
            var payload = e.ApplicationMessage.Payload;
            var number = payload.IsSingleSegment ? numberOf(payload.FirstSpan) : numberOf(payload.ToArray());
            book.Received(number, now);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-sub-" + Guid.NewGuid().ToString("N")[..8]).Build();
        s._client.ConnectAsync(options).GetAwaiter().GetResult();
        s._client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtMostOnce).GetAwaiter().GetResult();
        return s;
    }

    public void Dispose() => _client.Dispose();
}
