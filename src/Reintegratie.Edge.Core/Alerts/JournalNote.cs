namespace Reintegratie.Edge.Core.Alerts;

/// <summary>
/// A fact fusion wants in the journal that is neither an event nor an alert revision: a bypass started or ended,
/// a command's outcome, an event suppressed by a bypass. Journaled with type <c>note</c>; never published as an alert.
/// </summary>
/// <param name="Kind">Short code, e.g. "bypass_started", "bypass_ended", "command_result", "suppressed_by_bypass".</param>
/// <param name="At">Event time that caused it.</param>
/// <param name="Zone">Zone id, if any.</param>
/// <param name="Detail">Human-readable detail (no personal identifiers).</param>
/// <param name="AlertId">Alert concerned, if any.</param>
public sealed record JournalNote(string Kind, DateTimeOffset At, string? Zone, string Detail, string? AlertId = null)
{
    /// <summary>Kind of the note that records a clock tick fusion acted on (see <see cref="IAlertSink.OnClock"/>).</summary>
    public const string ClockKind = "clock";
}
