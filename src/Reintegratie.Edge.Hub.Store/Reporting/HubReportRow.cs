namespace Reintegratie.Edge.Hub.Reporting;

/// <summary>One line of the national tertaal report: alerts of one kind in one zone of one site, and their time to acknowledgement.</summary>
public sealed record HubReportRow(string Site, string Kind, string Zone, long Alerts, long Acknowledged, double? AckMedianSeconds, double? AckP90Seconds);
