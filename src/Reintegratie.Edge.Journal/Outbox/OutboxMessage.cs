using Reintegratie.Edge.Core.Alerts;

namespace Reintegratie.Edge.Journal.Outbox;

/// <summary>One row of the outbox: a message the publisher must deliver, in <see cref="Id"/> order.</summary>
/// <param name="Id">Outbox row id (strictly increasing).</param>
/// <param name="Topic">Topic relative to the gateway root (<c>alerts</c>, <c>alerts/active</c>), no leading slash.</param>
/// <param name="Payload">UTF-8 JSON payload.</param>
/// <param name="Retain">Publish retained.</param>
/// <param name="Severity">Severity of the alert it carries (shedding policy: lowest first, never high/critical).</param>
/// <param name="CreatedAt">When the row was written.</param>
/// <param name="AlertId">Alert id, when it carries an alert revision.</param>
/// <param name="Revision">Alert revision, when it carries one.</param>
public sealed record OutboxMessage(
    long Id,
    string Topic,
    ReadOnlyMemory<byte> Payload,
    bool Retain,
    Severity Severity,
    DateTimeOffset CreatedAt,
    string? AlertId,
    int Revision);
