using System.Buffers;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>An MQTTnet subscriber that timestamps every message on arrival and books it by frame number.</summary>
internal sealed class EventSubscriber : IDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    private long _total;
    private long _last;

    public long Total => Interlocked.Read(ref _total);

    public long Last => Volatile.Read(ref _last);

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
            Interlocked.Increment(ref s._total);
            Volatile.Write(ref s._last, number);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-sub-" + Guid.NewGuid().ToString("N")[..8]).Build();
        // MQTTnet sets SO_RCVBUF/SO_SNDBUF to BufferSize (default 8 KiB), which turns off Linux receive-window autotuning:
        // the broker then sends this subscriber one segment per persist-timer expiry (~200 ms) once it falls behind
        // (ss -tnoi: snd_wnd 6144, rwnd_limited 99%), which had lost 95% of the 10k/s phase and, on some runs, all of it.
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = 1 << 20;
        s._client.ConnectAsync(options).GetAwaiter().GetResult();
        s._client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtMostOnce).GetAwaiter().GetResult();
        return s;
    }

    public bool IsConnected => _client.IsConnected;

    public void Dispose() => _client.Dispose();
}
