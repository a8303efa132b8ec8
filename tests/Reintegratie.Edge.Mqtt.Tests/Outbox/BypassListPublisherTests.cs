using System.Text;
using System.Text.Json;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Mqtt.Outbox;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Tests.Outbox;

/// <summary>The retained …/bypass list: derived from each published alerts/active list, sent on change and on reconnect.</summary>
public sealed class BypassListPublisherTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 9, 14, 10, 0, 0, TimeSpan.Zero);
    private readonly MqttTopics _topics = new("pi-edge", "s", "g");

    internal static AlertSnapshot Bypassed(string id, string zone, int hours) => new()
    {
        Id = id, Revision = 1, Kind = AlertKind.ZoneBypassed, Severity = Severity.Medium, Zones = [zone], Title = "t",
        FirstSeen = s_t0, LastSeen = s_t0, Detail = "bypass", Bypass = new BypassSummary(s_t0.AddHours(hours), ["anna", "bert"], "onderhoud"),
    };

    internal static string Active(params AlertSnapshot[] alerts) => JsonSerializer.Serialize(alerts.ToList(), AlertJson.Default.ListAlertSnapshot);

    [Fact]
    public async Task Drain_ActiveListsChangeBypasses_BypassTopicSentOnlyOnChangeRetained()
    {
        var breach = Bypassed("01JX", "north", 1) with { Kind = AlertKind.PerimeterBreach, Bypass = null };
        var outbox = new InMemoryOutbox();
        outbox.Add("alerts/active", Active(breach), retain: true);                          // no bypass: []
        outbox.Add("alerts/active", Active(breach, Bypassed("01JB", "east", 2)), retain: true); // east bypassed
        outbox.Add("alerts", "{\"n\":1}");
        outbox.Add("alerts/active", Active(Bypassed("01JB", "east", 2)), retain: true);     // breach ended: bypasses unchanged
        outbox.Add("alerts", "{\"n\":2}");
        outbox.Add("alerts/active", Active(), retain: true);                                 // bypass ended: []
        var channel = new AckingChannel();
        var drain = new OutboxDrain(outbox, _topics, new ActiveAlertsCache(), 60, readBatch: 1, bypass: new BypassListPublisher(_topics.Bypass));
        using var cts = new CancellationTokenSource();

        var run = drain.RunAsync(channel, 1, cts.Token);
        await Wait.UntilAsync(() => outbox.PendingCount == 0, TimeSpan.FromSeconds(10), "outbox drained");

        var bypass = channel.Sent.Where(m => m.Topic == "pi-edge/s/g/bypass").ToList();
        Assert.All(bypass, m => Assert.True(m.Retain));
        Assert.Equal(3, bypass.Count);
        Assert.Equal("[]", Encoding.UTF8.GetString(bypass[0].Payload.Span));
        Assert.Equal(
            "[{\"zone\":\"east\",\"until\":\"2026-09-14T12:00:00+00:00\",\"authorised_by\":[\"anna\",\"bert\"],\"reason\":\"onderhoud\",\"since\":\"2026-09-14T10:00:00+00:00\",\"alert_id\":\"01JB\"}]",
            Encoding.UTF8.GetString(bypass[1].Payload.Span));
        Assert.Equal("[]", Encoding.UTF8.GetString(bypass[2].Payload.Span));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, outbox.Deleted);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Republish_AfterReconnect_SendsNewestKnownListElseNothing()
    {
        var publisher = new BypassListPublisher(_topics.Bypass);
        var channel = new AckingChannel();

        Assert.Null(publisher.Republish(channel, null, CancellationToken.None)); // unknown is not "no bypass"
        var sent = publisher.Republish(channel, Encoding.UTF8.GetBytes(Active(Bypassed("01JB", "east", 2), Bypassed("01JA", "area-b", 3))), CancellationToken.None);
        Assert.True((await sent!).Acknowledged);
        var again = publisher.Republish(channel, null, CancellationToken.None); // a reconnect with no newer active list

        Assert.NotNull(again);
        await again;
        Assert.Equal(2, channel.Sent.Count);
        var entries = JsonDocument.Parse(channel.Sent[1].Payload).RootElement.EnumerateArray().Select(e => e.GetProperty("zone").GetString()!).ToArray();
        Assert.Equal(["area-b", "east"], entries);
    }

    [Fact]
    public void FromActive_NotAList_Null() =>
        Assert.Null(BypassListPublisher.FromActive("{\"x\":1}"u8));

    /// <summary>Records publishes and acknowledges each at once.</summary>
    private sealed class AckingChannel : IPublishChannel
    {
        public List<OutgoingMessage> Sent { get; } = [];

        public Task<PublishOutcome> PublishAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                Sent.Add(message);
            }

            return Task.FromResult(new PublishOutcome(true, "Success"));
        }
    }
}
