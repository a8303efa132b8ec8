namespace Reintegratie.Edge.Hub.Reporting;

/// <summary>One maintenance bypass as the hub holds it: its zone, who approved it, its window and whether it is still listed.</summary>
public sealed record HubBypassRow(
    string Site, string Gateway, string Zone, string AlertId, IReadOnlyList<string> AuthorisedBy, string Reason, DateTimeOffset Since,
    DateTimeOffset Until, int Renewals, DateTimeOffset? EndedAt);
