using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Mqtt.Commands;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Mqtt.Outbox;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Tests.Commands;

/// <summary>The command loop's handling of one received command, with fusion behind a collecting sink.</summary>
public sealed class CommandProcessorTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 9, 14, 10, 0, 0, TimeSpan.Zero);
    private readonly TestKeys _keys = new();
    private readonly MqttTopics _topics = new("pi-edge", "site1", "gw1");
    private readonly FakeTimeProvider _time = new(s_now);
    private readonly CollectingEventSink _sink = new();
    private readonly Replies _replies = new();
    private readonly CommandProcessor _processor;
    private int _applied;

    public CommandProcessorTests()
    {
        var options = new MqttOptions();
        _keys.Configure(options);
        _sink.Responder = c =>
        {
            _applied++;
            return new CommandResult(true, $"acknowledged by {c.Sender}", c.AlertId, 2);
        };
        var auth = new CommandAuthenticator(CommandKeyRing.From(options.Commands), _topics.Root, TimeSpan.FromSeconds(120));
        _processor = new CommandProcessor(_topics, new CommandDispatcher(_sink, _time, TimeSpan.FromSeconds(5)), auth,
            new RefusalLimiter(60, _time), _time, NullLogger.Instance);
    }

    public void Dispose() => _keys.Dispose();

    [Fact]
    public async Task HandleAsync_AppliedCommandRedelivered_AnsweredAlreadyAppliedJournaledAsRedeliveryAppliedOnce()
    {
        var payload = _keys.Sign(_topics.Root, "ack", new Dictionary<string, string> { ["alert_id"] = "01JALERT" }, s_now);

        await Handle(payload);
        await Handle(payload, duplicate: true); // the broker's redelivery (DUP): the PUBACK of the first never reached it

        Assert.Equal(1, _applied);
        var (first, second) = (_replies.Payloads[0], _replies.Payloads[1]);
        Assert.True(first.GetProperty("ok").GetBoolean());
        Assert.True(second.GetProperty("ok").GetBoolean());
        Assert.Equal("already applied: " + first.GetProperty("message").GetString(), second.GetProperty("message").GetString());
        var journaled = Assert.Single(_sink.Refused);
        Assert.True(journaled.Redelivery);
        Assert.Equal("console", journaled.Sender); // the verified key: not "unverified:", not an attack
    }

    [Fact]
    public async Task HandleAsync_AppliedCommandPublishedAgainWithoutDup_RefusedAsReplay()
    {
        var payload = _keys.Sign(_topics.Root, "ack", new Dictionary<string, string> { ["alert_id"] = "01JALERT" }, s_now);

        await Handle(payload);
        await Handle(payload); // a fresh PUBLISH of a captured command: the broker did not set DUP

        Assert.Equal(1, _applied);
        Assert.False(_replies.Payloads[1].GetProperty("ok").GetBoolean());
        Assert.Contains("a replayed command", _replies.Payloads[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Assert.Single(_sink.Refused).Redelivery);
    }

    [Fact]
    public async Task HandleAsync_SameNonceOtherAlert_RefusedAsReplayNotApplied()
    {
        await Handle(_keys.Sign(_topics.Root, "ack", new Dictionary<string, string> { ["alert_id"] = "01JALERT" }, s_now, nonce: "n-0000001"));
        await Handle(_keys.Sign(_topics.Root, "ack", new Dictionary<string, string> { ["alert_id"] = "01JOTHER" }, s_now, nonce: "n-0000001"), duplicate: true);

        Assert.Equal(1, _applied);
        Assert.False(_replies.Payloads[1].GetProperty("ok").GetBoolean());
        var journaled = Assert.Single(_sink.Refused);
        Assert.False(journaled.Redelivery);
        Assert.StartsWith("unverified:", journaled.Sender, StringComparison.Ordinal);
    }

    private async Task Handle(byte[] payload, bool duplicate = false)
    {
        var command = new ReceivedCommand("ack", payload, "biv/console-1/reply", [1, 2], null) { Duplicate = duplicate };
        await await _processor.HandleAsync(command, _ => Task.CompletedTask, () => _replies, CancellationToken.None);
    }

    private sealed class Replies : IPublishChannel
    {
        public List<JsonElement> Payloads { get; } = [];

        public Task<PublishOutcome> PublishAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            Payloads.Add(JsonDocument.Parse(message.Payload).RootElement.Clone());
            return Task.FromResult(new PublishOutcome(true, "Success"));
        }
    }
}
