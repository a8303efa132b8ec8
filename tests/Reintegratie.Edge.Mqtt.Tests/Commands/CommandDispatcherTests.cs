using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Mqtt.Commands;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Mqtt.Tests.Commands;

public sealed class CommandDispatcherTests
{
    [Fact]
    public async Task DispatchAsync_FusionAnswers_ReturnsItsResultAndStampsClockTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var sink = new CollectingEventSink { Responder = c => new CommandResult(true, "ok", c.AlertId, 4) };
        var dispatcher = new CommandDispatcher(sink, time, TimeSpan.FromSeconds(5));

        var (result, journaled) = await dispatcher.DispatchAsync(new CommandRequest { Verb = CommandVerb.Ack, AlertId = "A", Operator = "o" }, "console", "c1", CancellationToken.None);

        Assert.Equal(new CommandResult(true, "ok", "A", 4), result);
        Assert.True(journaled.IsCompletedSuccessfully);
        var (header, command) = Assert.Single(sink.Commands);
        Assert.Equal(new EventHeader(EventKind.Command, SensorFamily.Gateway, -1, -1, time.GetUtcNow()), header);
        Assert.Equal(("console", "c1"), (command.Sender, command.CorrelationId));
    }

    [Fact]
    public async Task DispatchAsync_NoAnswer_TimesOutWithRefusal()
    {
        var time = new FakeTimeProvider();
        var dispatcher = new CommandDispatcher(new CollectingEventSink(), time, TimeSpan.FromSeconds(5));

        var pending = dispatcher.DispatchAsync(new CommandRequest { Verb = CommandVerb.Resync }, "x", null, CancellationToken.None);
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(6));
        var (result, journaled) = await pending;

        Assert.False(result.Ok);
        Assert.Contains("no result within 5 s", result.Message);
        Assert.False(journaled.IsCompleted, "in the ring but not durable: not to be acknowledged yet");
    }

    [Fact]
    public async Task DispatchAsync_FusionAnswersJournalCannotCommit_ResultSaysNotYetDurable()
    {
        var time = new FakeTimeProvider();
        var sink = new CollectingEventSink { Responder = c => new CommandResult(true, "acknowledged by o", c.AlertId, 2), Journal = false };
        var dispatcher = new CommandDispatcher(sink, time, TimeSpan.FromSeconds(5));

        var pending = dispatcher.DispatchAsync(new CommandRequest { Verb = CommandVerb.Ack, AlertId = "A", Operator = "o" }, "x", null, CancellationToken.None);
        Assert.False(pending.IsCompleted, "fusion answered; waiting for the journal");
        time.Advance(TimeSpan.FromSeconds(6));
        var (result, journaled) = await pending;

        Assert.True(result.Ok);
        Assert.Equal("acknowledged by o; not yet durable in the journal (held until it can commit)", result.Message);
        Assert.False(journaled.IsCompleted);
        Assert.Single(sink.Commands).Command.Journaled!.SetResult();
        Assert.True(journaled.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task DispatchAsync_RingFull_RefusedAndNothingToWaitFor()
    {
        var dispatcher = new CommandDispatcher(new CollectingEventSink { Accept = false }, new FakeTimeProvider(), TimeSpan.FromSeconds(5));

        var (result, journaled) = await dispatcher.DispatchAsync(new CommandRequest { Verb = CommandVerb.Resync }, "x", null, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.StartsWith("gateway busy", result.Message, StringComparison.Ordinal);
        Assert.True(journaled.IsCompletedSuccessfully);
    }
}
