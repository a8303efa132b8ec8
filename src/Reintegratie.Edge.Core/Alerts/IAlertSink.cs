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
}
