using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// Owns every alert's lifecycle: ids, revisions (1, 2, …), the <c>{type, before, after}</c> messages, the rate
/// limit of position/count-only changes, the active set and the recently ended alerts that late evidence may
/// still join. Fusion thread only, except <see cref="ActiveView"/>, which any thread may read.
/// </summary>
internal sealed class AlertLifecycle
{
    private readonly SiteModel _site;
    private readonly IAlertSink _sink;
    private readonly IAlertIdGenerator _ids;
    private readonly double _minInterval;
    private readonly double _lateEvidenceSeconds;
    private readonly int _evidenceCap;
    private readonly Dictionary<string, AlertState> _byId = new(StringComparer.Ordinal);
    private readonly List<AlertState> _active = new(64);
    private readonly List<AlertState> _ended = new(64);
    private AlertSnapshot[] _activeView = [];

    public AlertLifecycle(SiteModel site, FusionOptions options, IAlertSink sink, IAlertIdGenerator ids)
    {
        _site = site;
        _sink = sink;
        _ids = ids;
        _minInterval = options.UpdateMinIntervalSeconds;
        _lateEvidenceSeconds = options.LateEvidenceMinutes * 60;
        _evidenceCap = options.EvidenceCap;
    }

    /// <summary>The published revisions of the active alerts (an immutable array, replaced on every change).</summary>
    public AlertSnapshot[] ActiveView => Volatile.Read(ref _activeView); // acquire: read by transport threads

    public List<AlertState> Active => _active;

    /// <summary>Alerts ended within the late-evidence window, oldest first.</summary>
    public List<AlertState> RecentlyEnded => _ended;

    /// <summary>No active alert and none recently ended: a sweep has nothing to do.</summary>
    public bool Idle => _active.Count == 0 && _ended.Count == 0;

    /// <summary>Creates an alert (not yet published: fill it, then <see cref="Publish"/>).</summary>
    public AlertState Create(AlertKind kind, Severity severity, DateTimeOffset at, string title) =>
        new(_ids.NewId(at), kind, _evidenceCap) { Severity = severity, Title = title, FirstSeen = at, LastSeen = at };

    public bool TryGet(string id, out AlertState state) => _byId.TryGetValue(id, out state!);

    /// <summary>Publishes a revision now: <c>new</c> for the first, else <c>update</c>.</summary>
    public void Publish(AlertState state, DateTimeOffset at, long cause) =>
        Emit(state, state.Published is null ? AlertChangeType.New : AlertChangeType.Update, at, cause);

    /// <summary>A position or count changed: publish when the rate limit allows, else at a later event or tick.</summary>
    public void Touch(AlertState state, DateTimeOffset at, long cause)
    {
        state.Dirty = true;
        if ((at - state.PublishedAt).TotalSeconds >= _minInterval)
        {
            Publish(state, at, cause);
        }
    }

    /// <summary>Publishes the final revision and moves the alert to the recently ended list.</summary>
    public void End(AlertState state, DateTimeOffset endedAt, DateTimeOffset at, long cause)
    {
        if (!state.IsActive)
        {
            return;
        }

        state.EndedAt = endedAt < state.LastSeen ? state.LastSeen : endedAt;
        _active.Remove(state);
        _ended.Add(state);
        Emit(state, AlertChangeType.End, at, cause);
    }

    /// <summary>Publishes rate-limited changes whose interval has passed; forgets ended alerts past the late-evidence window.</summary>
    public void Sweep(DateTimeOffset now, long cause)
    {
        for (var i = 0; i < _active.Count; i++)
        {
            var s = _active[i];
            if (s.Dirty && (now - s.PublishedAt).TotalSeconds >= _minInterval)
            {
                Publish(s, now, cause);
            }
        }

        while (_ended.Count > 0 && (now - _ended[0].EndedAt!.Value).TotalSeconds > _lateEvidenceSeconds)
        {
            _byId.Remove(_ended[0].Id);
            _ended.RemoveAt(0);
        }
    }

    /// <summary>Takes back an alert the journal had active at the last stop, without publishing anything.</summary>
    public bool Adopt(AlertState state)
    {
        if (!_byId.TryAdd(state.Id, state))
        {
            return false;
        }

        _active.Add(state);
        RefreshView();
        return true;
    }

    public void Note(JournalNote note, long cause) => _sink.OnNote(note, cause);

    private void Emit(AlertState state, AlertChangeType type, DateTimeOffset at, long cause)
    {
        state.Revision++;
        state.Dirty = false;
        var after = AlertSnapshotFactory.Create(state, _site);
        var change = new AlertChange { Type = type, Before = state.Published, After = after };
        state.Published = after;
        state.PublishedAt = at;
        if (type == AlertChangeType.New)
        {
            _byId[state.Id] = state;
            _active.Add(state);
        }

        RefreshView();
        _sink.OnAlertChange(change, cause);
    }

    private void RefreshView()
    {
        var view = new AlertSnapshot[_active.Count];
        for (var i = 0; i < view.Length; i++)
        {
            view[i] = _active[i].Published!;
        }

        Volatile.Write(ref _activeView, view); // release: the array is complete before other threads see it
    }
}
