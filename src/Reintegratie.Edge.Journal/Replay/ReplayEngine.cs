using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Fusion;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Replay;

/// <summary>
/// The replay's fusion engine across gateway restarts. At each restart it does what the gateway did at start: a new
/// engine (the in-flight state a stop or a kill lost is gone), the alerts the gateway continued restored at the
/// journaled revisions, and the alert-id counter where the gateway's stood.
/// </summary>
internal sealed class ReplayEngine
{
    private readonly SiteModel _site;
    private readonly FusionOptions _fusion;
    private readonly IAlertSink _sink;
    private readonly bool _whatIf;
    private readonly string? _replayedDigest;
    private readonly Dictionary<string, AlertSnapshot> _journaledActive = new(StringComparer.Ordinal);
    private readonly List<ReplayRestart> _restarts = [];
    private readonly List<ReplaySpan> _notCompared = [];
    private readonly List<(long Seq, string? Digest)> _runs = [];

    public ReplayEngine(SiteModel site, FusionOptions fusion, IAlertSink sink, bool whatIf, string? replayedDigest)
    {
        _site = site;
        _fusion = fusion;
        _sink = sink;
        _whatIf = whatIf;
        _replayedDigest = replayedDigest;
        Fusion = new FusionEngine(site, fusion, sink, NullLogger.Instance);
    }

    /// <summary>The engine of the current run.</summary>
    public FusionEngine Fusion { get; private set; }

    public IReadOnlyList<ReplayRestart> Restarts => _restarts;

    public IReadOnlyList<ReplaySpan> NotCompared => _notCompared;

    /// <summary>Keeps the journal's active set as the gateway's journal writer keeps it (latest revision of every alert not ended).</summary>
    public void Journaled(AlertChange change)
    {
        if (change.Type != AlertChangeType.End && change.After.EndedAt is null)
        {
            _journaledActive[change.After.Id] = change.After;
        }
        else
        {
            _journaledActive.Remove(change.After.Id);
        }
    }

    /// <summary>A start marker: the engine restarts exactly as the gateway's did.</summary>
    public void RestartMarked(JournalRow row)
    {
        string note;
        IEnumerable<AlertSnapshot> restore;
        var marked = StartMarker.TryParse(row.Payload, out var marker) && marker is not null;
        if (!marked)
        {
            restore = JournaledActive();
            note = "start marker unreadable or purged: restored the journal's active alerts, id counter 0";
        }
        else if (_whatIf)
        {
            restore = Own();
            note = string.Empty;
        }
        else
        {
            var list = new List<AlertSnapshot>();
            var missing = new List<string>();
            foreach (var r in marker!.Restored)
            {
                if (_journaledActive.TryGetValue(r.Id, out var s) && s.Revision == r.Revision)
                {
                    list.Add(s);
                }
                else
                {
                    missing.Add(string.Create(CultureInfo.InvariantCulture, $"{r.Id}#{r.Revision}"));
                }
            }

            restore = list;
            note = missing.Count == 0 ? string.Empty : $"the gateway continued {string.Join(", ", missing)}, which the journal before does not give back";
        }

        var digest = marker?.ConfigDigest;
        var changed = _runs.Count > 0 && _runs[^1].Digest is { } previous && digest is not null && previous != digest;
        _runs.Add((row.Seq, digest));
        var n = Restart(restore, marker?.IdSeed ?? _fusion.IdSeed, marker?.IdCounter ?? 0);
        _restarts.Add(new ReplayRestart(row.Seq, true, n, digest, changed, note));
    }

    /// <summary>A restart inferred in a journal without markers: restarted at the row given, the rows before it not compared.</summary>
    public void RestartUnmarked(UnmarkedRestarts.Restart restart, long seq)
    {
        var n = Restart(_whatIf ? Own() : JournaledActive(), _fusion.IdSeed, 0);
        if (seq - 1 > restart.AfterSeq)
        {
            _notCompared.Add(new ReplaySpan(restart.AfterSeq + 1, seq - 1, seq - 1 - restart.AfterSeq,
                string.Create(CultureInfo.InvariantCulture, $"a gateway restart without a start marker lies in these rows (the alert-id counter started again at seq {restart.AlertSeq})")));
        }

        _restarts.Add(new ReplayRestart(seq, false, n, null, false, "inferred from the alert-id counter; exact restart point not journaled"));
    }

    /// <summary>Runs that started with a configuration other than the one replayed (when that is known).</summary>
    public IReadOnlyList<ReplaySpan> OtherConfiguration(long lastSeq)
    {
        var spans = new List<ReplaySpan>();
        if (_replayedDigest is null)
        {
            return spans;
        }

        for (var i = 0; i < _runs.Count; i++)
        {
            var (from, digest) = _runs[i];
            var to = i + 1 < _runs.Count ? _runs[i + 1].Seq - 1 : lastSeq;
            if (digest is not null && digest != _replayedDigest)
            {
                spans.Add(new ReplaySpan(from, to, to - from + 1, $"this run started with site configuration sha256 {digest[..12]}, not the one replayed ({_replayedDigest[..12]})"));
            }
        }

        return spans;
    }

    private int Restart(IEnumerable<AlertSnapshot> restore, ulong seed, ulong counter)
    {
        Fusion = new FusionEngine(_site, _fusion, _sink, NullLogger.Instance, new UlidGenerator(seed, counter));
        return Fusion.Restore(restore).Count;
    }

    /// <summary>As the gateway loads them: oldest first, ties by id.</summary>
    private List<AlertSnapshot> JournaledActive() =>
        [.. _journaledActive.Values.OrderBy(a => a.FirstSeen).ThenBy(a => a.Id, StringComparer.Ordinal)];

    private List<AlertSnapshot> Own() =>
        [.. Fusion.Active.OrderBy(a => a.FirstSeen).ThenBy(a => a.Id, StringComparer.Ordinal)];
}
