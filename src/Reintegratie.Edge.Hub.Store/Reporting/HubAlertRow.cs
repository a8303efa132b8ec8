namespace Reintegratie.Edge.Hub.Reporting;

/// <summary>One alert (newest revision) as <c>edgectl hub query</c> lists it.</summary>
public sealed record HubAlertRow(
    string Site, string Gateway, string AlertId, int Revision, string Kind, string Severity, string Title, IReadOnlyList<string> Zones,
    DateTimeOffset FirstSeen, DateTimeOffset? EndedAt, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt);
