namespace Reintegratie.Edge.Core.Alerts;

/// <summary>Who acknowledged an alert, and when.</summary>
/// <param name="By">Operator.</param>
/// <param name="At">Time of the acknowledgement (command event time).</param>
/// <param name="Note">Optional note.</param>
public sealed record Acknowledgement(string By, DateTimeOffset At, string? Note);
