using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Mqtt.Sources;

namespace Reintegratie.Edge.Mqtt.Tests.Support;

/// <summary>Runs an <see cref="MqttSession"/> against a broker with an in-memory outbox and a collecting sink.</summary>
public sealed class PublisherHarness : IAsyncDisposable
{
    private PublisherHarness(MqttSession publisher, InMemoryOutbox outbox, CollectingEventSink sink, MqttOptions options)
    {
        Publisher = publisher;
        Outbox = outbox;
        Sink = sink;
        Options = options;
    }

    public MqttSession Publisher { get; }

    public InMemoryOutbox Outbox { get; }

    public CollectingEventSink Sink { get; }

    public MqttOptions Options { get; }

    public string Root => Publisher.Topics.Root;

    /// <summary>The command keys every harness trusts (<c>console</c>: every verb; <c>second</c>: ack).</summary>
    internal static TestKeys Keys { get; } = new();

    public static MqttOptions Plain(int port, string gateway = "gw1")
    {
        var options = new MqttOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Site = "site1",
            Gateway = gateway,
            ReconnectMaxSeconds = 1,
            KeepAliveSeconds = 5,
            BrokerLostAfterSeconds = 10,
        };
        Keys.Configure(options);
        return options;
    }

    /// <summary>A command payload signed by <paramref name="keyId"/> for this harness's gateway.</summary>
    internal byte[] Signed(string verb, Dictionary<string, string> fields, string keyId = "console", DateTimeOffset? at = null) =>
        Keys.Sign(Root, verb, fields, at, keyId);

    public static async Task<PublisherHarness> StartAsync(MqttOptions options, InMemoryOutbox? outbox = null, CollectingEventSink? sink = null,
        SensorHealthRegistry? health = null, IJournalHeadSource? journalHead = null)
    {
        outbox ??= new InMemoryOutbox();
        sink ??= new CollectingEventSink();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));
        var publisher = new MqttSession(Microsoft.Extensions.Options.Options.Create(options), outbox, sink, TimeProvider.System,
            loggerFactory.CreateLogger<MqttSession>(), health, journalHead);
        await publisher.StartAsync(CancellationToken.None);
        return new PublisherHarness(publisher, outbox, sink, options);
    }

    public async ValueTask DisposeAsync()
    {
        await Publisher.StopAsync(CancellationToken.None);
        Publisher.Dispose();
    }
}
