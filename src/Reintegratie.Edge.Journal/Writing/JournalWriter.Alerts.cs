using System.Text.Json;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>Alert revisions, notes, the active set and the outbox rows they add.</summary>
public sealed partial class JournalWriter
{
    /// <summary>Topic of lifecycle messages, relative to the gateway root.</summary>
    public const string AlertsTopic = "alerts";

    /// <summary>Topic of the retained active-alert set, relative to the gateway root.</summary>
    public const string ActiveAlertsTopic = "alerts/active";

    private static bool IsActive(AlertChange change) => change.Type != AlertChangeType.End && change.After.EndedAt is null;

    private void WritePending(PendingItem item, DateTimeOffset? causeAt)
    {
        if (item.Change is { } change)
        {
            WriteAlert(change, item.Cause, causeAt ?? change.After.EndedAt ?? change.After.LastSeen);
        }
        else if (item.Note is { } note)
        {
            WriteNote(note, item.Cause);
        }
    }

    private void WriteAlert(AlertChange change, long cause, DateTimeOffset at)
    {
        var after = change.After;
        var lifecycle = AlertJson.ToUtf8(change);
        var severity = EnumCode<Severity>.Of(after.Severity);
        var fields = new RowFields(0, JournalTime.ToText(at), JournalRowTypes.Alert, EnumCode<AlertKind>.Of(after.Kind),
            after.Zones.Count > 0 ? after.Zones[0] : null, after.Sensors.Count > 0 ? after.Sensors[0] : null,
            cause > 0 ? cause : null, after.Id, after.Revision, severity);
        var seq = AppendRow(fields, lifecycle);

        if (IsActive(change))
        {
            _active[after.Id] = after;
        }
        else
        {
            _active.Remove(after.Id);
        }

        var created = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var activeJson = JsonSerializer.SerializeToUtf8Bytes(OrderedActive(), AlertJson.Default.ListAlertSnapshot);
        _sql.InsertOutbox(AlertsTopic, lifecycle, false, (int)after.Severity, created, after.Id, after.Revision, seq);
        _lastOutboxId = _sql.InsertOutbox(ActiveAlertsTopic, activeJson, true, (int)after.Severity, created, after.Id, after.Revision, seq);
        _outboxInTransaction = true;
    }

    private void WriteNote(JournalNote note, long cause)
    {
        _payload.ResetWrittenCount();
        _json.Reset(_payload);
        _json.WriteStartObject();
        _json.WriteString("kind", note.Kind);
        _json.WriteString("zone", note.Zone);
        _json.WriteString("detail", note.Detail);
        _json.WriteString("alert_id", note.AlertId);
        _json.WriteEndObject();
        _json.Flush();
        var fields = new RowFields(0, JournalTime.ToText(note.At), JournalRowTypes.Note, note.Kind, note.Zone, null,
            cause > 0 ? cause : null, note.AlertId, null, null);
        AppendRow(fields, _payload.WrittenSpan);
    }

    private List<AlertSnapshot> OrderedActive() =>
        [.. _active.Values.OrderBy(a => a.FirstSeen).ThenBy(a => a.Id, StringComparer.Ordinal)];
}
