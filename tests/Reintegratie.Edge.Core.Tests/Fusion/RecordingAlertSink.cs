using Reintegratie.Edge.Core.Alerts;

namespace Reintegratie.Edge.Core.Tests.Fusion;

/// <summary>Collects fusion's output in order.</summary>
internal sealed class RecordingAlertSink : IAlertSink
{
    public List<AlertChange> Changes { get; } = [];

    public List<long> Causes { get; } = [];

    public List<JournalNote> Notes { get; } = [];

    public void OnAlertChange(AlertChange change, long causeEventId)
    {
        Changes.Add(change);
        Causes.Add(causeEventId);
    }

    public void OnNote(JournalNote note, long causeEventId) => Notes.Add(note);

    /// <summary>Ticks fusion acted on (the journal records them as clock notes; here they stay out of <see cref="Notes"/>).</summary>
    public int Clocks { get; private set; }

    /// <summary>When set, the ids of those ticks.</summary>
    public List<long>? ClockIds { get; set; }

    public void OnClock(DateTimeOffset at, long causeEventId)
    {
        Clocks++;
        ClockIds?.Add(causeEventId);
    }

    /// <summary>"kind:type" per change, e.g. "drone_incursion:new".</summary>
    public List<string> Sequence() => Changes.Select(c => $"{Code(c.After.Kind)}:{c.Type.ToString().ToLowerInvariant()}").ToList();

    public List<AlertChange> Of(AlertKind kind) => Changes.Where(c => c.After.Kind == kind).ToList();

    private static string Code(AlertKind kind) => System.Text.Json.JsonSerializer.Serialize(kind, AlertJson.Default.AlertKind).Trim('"');
}
