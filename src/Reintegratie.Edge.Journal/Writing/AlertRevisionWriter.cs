using System.Text;
using System.Text.Json;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Journal.Outbox;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// Writes fusion's outputs as journal rows: an alert revision (its row, then the outbox rows it adds) or a note. Keeps
/// the set of active alerts (latest revision of every alert not ended) that the retained active list is built from.
/// </summary>
/// <remarks>Single-threaded: the journal stage thread (or the caller before the pipeline starts).</remarks>
internal sealed class AlertRevisionWriter
{
    private readonly ChainAppender _chain;
    private readonly OutboxWriter _outbox;
    private readonly PayloadBuffer _payload;
    private readonly Dictionary<string, AlertSnapshot> _active = new(StringComparer.Ordinal);

    public AlertRevisionWriter(ChainAppender chain, OutboxWriter outbox, PayloadBuffer payload)
    {
        _chain = chain;
        _outbox = outbox;
        _payload = payload;
    }

    /// <summary>The active alerts, oldest first (ties by id).</summary>
    public List<AlertSnapshot> Active() =>
        [.. _active.Values.OrderBy(a => a.FirstSeen).ThenBy(a => a.Id, StringComparer.Ordinal)];

    /// <summary>Reads the active set back from the journal (open, and after a rolled-back batch).</summary>
    public void Reload(JournalCommands sql)
    {
        _active.Clear();
        foreach (var payload in sql.LatestAlertPayloads())
        {
            var change = AlertJson.ChangeFromUtf8(Encoding.UTF8.GetBytes(payload));
            if (change is not null && IsActive(change))
            {
                _active[change.After.Id] = change.After;
            }
        }
    }

    /// <summary>Writes one fusion output; <paramref name="causeAt"/> is its cause event's time (null: the change's own).</summary>
    public void Write(PendingItem item, DateTimeOffset? causeAt)
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

    private static bool IsActive(AlertChange change) => change.Type != AlertChangeType.End && change.After.EndedAt is null;

    private void WriteAlert(AlertChange change, long cause, DateTimeOffset at)
    {
        var after = change.After;
        var lifecycle = AlertJson.ToUtf8(change);
        var fields = new RowFields(0, JournalTime.ToText(at), JournalRowTypes.Alert, EnumCode<AlertKind>.Of(after.Kind),
            after.Zones.Count > 0 ? after.Zones[0] : null, after.Sensors.Count > 0 ? after.Sensors[0] : null,
            cause > 0 ? cause : null, after.Id, after.Revision, EnumCode<Severity>.Of(after.Severity));
        var seq = _chain.Append(fields, lifecycle);

        if (IsActive(change))
        {
            _active[after.Id] = after;
        }
        else
        {
            _active.Remove(after.Id);
        }

        var activeList = JsonSerializer.SerializeToUtf8Bytes(Active(), AlertJson.Default.ListAlertSnapshot);
        _outbox.AddRevision(after, lifecycle, activeList, seq);
    }

    private void WriteNote(JournalNote note, long cause)
    {
        var fields = new RowFields(0, JournalTime.ToText(note.At), JournalRowTypes.Note, note.Kind, note.Zone, null,
            cause > 0 ? cause : null, note.AlertId, null, null);
        _chain.Append(fields, _payload.Note(note));
    }
}
