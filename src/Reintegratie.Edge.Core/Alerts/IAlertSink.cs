namespace Reintegratie.Edge.Core.Alerts;

/// <summary>
/// Receives fusion's output in the order fusion made it, on the fusion thread. The gateway's sink (the journal)
/// queues each item tagged with its cause and commits it, alert revision and outbox row in one transaction, in the
/// journal stage's batch that contains the cause event, before anything is published.
/// </summary>
public interface IAlertSink
{
    /// <summary>Accepts one change, made while fusion handled the event with id <paramref name="causeEventId"/>.</summary>
    void OnAlertChange(AlertChange change, long causeEventId);

    /// <summary>Accepts a note (bypass start/end, command outcome) made while handling <paramref name="causeEventId"/>.</summary>
    void OnNote(JournalNote note, long causeEventId);

    /// <summary>
    /// Fusion acted on the clock tick <paramref name="causeEventId"/> at <paramref name="at"/> (it held time-dependent
    /// state). Ticks are not events in the journal, so the default records the tick as a <see cref="JournalNote.ClockKind"/>
    /// note: <c>edgectl replay</c> feeds it back as a tick, and fusion's output is then a function of the journal alone.
    /// </summary>
    void OnClock(DateTimeOffset at, long causeEventId) => OnNote(new JournalNote(JournalNote.ClockKind, at, null, string.Empty), causeEventId);
}
