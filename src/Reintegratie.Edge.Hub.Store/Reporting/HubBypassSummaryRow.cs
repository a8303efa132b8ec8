namespace Reintegratie.Edge.Hub.Reporting;

/// <summary>One line of the report's bypass table: how often a zone of a site was bypassed in the period, and for how long in total.</summary>
public sealed record HubBypassSummaryRow(string Site, string Zone, long Bypasses, double Hours);
