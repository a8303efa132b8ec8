namespace Reintegratie.Edge.Core.Alerts;

/// <summary>
/// Receives fusion's alert changes in the order fusion made them. The gateway's sink journals each change with
/// its outbox row in one transaction before anything is published.
/// </summary>
public interface IAlertSink
{
    /// <summary>Accepts one change, made while fusion handled the event with id <paramref name="causeEventId"/>.</summary>
    void OnAlertChange(AlertChange change, long causeEventId);
}
