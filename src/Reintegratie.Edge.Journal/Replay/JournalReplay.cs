using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Fusion;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal.Reading;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Replay;

/// <summary>
/// Re-runs a journal through the fusion engine (<c>edgectl replay</c>): every journaled event and command in seq
/// order, and every clock tick fusion acted on (its <see cref="JournalNote.ClockKind"/> note), with fusion's clock
/// taken from the journaled times only. Collects the revisions the replay raises beside the journaled ones.
/// </summary>
/// <remarks>
/// A gateway restart is modelled where the journal shows it (<see cref="ReplayEngine"/>): at a <see cref="StartMarker"/>
/// the engine starts again with the alerts the gateway continued and its id counter, as the gateway's did; in a
/// journal written before markers a restart is inferred from the alert-id counter starting again
/// (<see cref="UnmarkedRestarts"/>) and the rows around it are reported as not compared.
/// </remarks>
public static class JournalReplay
{
    /// <summary>Replays the journal on <paramref name="connection"/> with <paramref name="site"/> and <paramref name="fusion"/>.</summary>
    /// <param name="connection">A read-only journal connection.</param>
    /// <param name="site">The site layout fusion runs with (the gateway's, or another for a what-if).</param>
    /// <param name="fusion">Fusion's parameters (including <see cref="FusionOptions.IdSeed"/>, or alert ids differ).</param>
    /// <param name="progress">Called every 10,000 rows with (seq reached, last seq).</param>
    /// <param name="options">What-if mode and the digest of the configuration replayed (null: defaults).</param>
    public static ReplayResult Run(SqliteConnection connection, SiteModel site, FusionOptions fusion, Action<long, long>? progress = null, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(fusion);
        options ??= new ReplayOptions();
        var unmarked = UnmarkedRestarts.Find(connection, fusion.IdSeed);
        var sink = new Sink();
        var engine = new ReplayEngine(site, fusion, sink, options.WhatIf, options.ConfigDigest);
        var slot = new SensorEvent();
        var journaled = new List<ReplayRevision>();
        var spans = new SpanCollector();
        var lastSeq = JournalReader.Tail(connection, 1) is [var last] ? last.Seq : 0;
        var journaledIds = new HashSet<long>();
        long fed = 0, rows = 0, lastTick = 0, purgedRevisions = 0;
        var next = 0;
        foreach (var row in JournalReader.Query(connection, new JournalQuery()))
        {
            if (++rows % 10_000 == 0)
            {
                progress?.Invoke(row.Seq, lastSeq);
            }

            if (next < unmarked.Count && row.Seq == unmarked[next].AtSeq)
            {
                engine.RestartUnmarked(unmarked[next++], row.Seq);
            }

            sink.Seq = row.Seq;
            switch (row.Type)
            {
                case JournalRowTypes.Event or JournalRowTypes.Command:
                    if (row.EventId is { } id)
                    {
                        journaledIds.Add(id); // journaled, fed or not: its alerts are not "caused by an event not journaled"
                    }

                    if (!EventPayloadReader.TryRead(row, site, slot, out var reason))
                    {
                        spans.Add(row.Seq, reason);
                        continue;
                    }

                    engine.Fusion.OnEvent(slot, fed++, true);
                    break;
                case JournalRowTypes.Note when row.Kind == StartMarker.Kind:
                    engine.RestartMarked(row);
                    break;
                case JournalRowTypes.Note when row.Kind == JournalNote.ClockKind && row.EventId is { } tick && tick != lastTick:
                    if (JournalTime.TryParse(row.At, out var at))
                    {
                        lastTick = tick;
                        slot.SetHeader(new EventHeader(EventKind.Tick, SensorFamily.Gateway, -1, -1, at));
                        slot.EventId = tick;
                        journaledIds.Add(tick);
                        engine.Fusion.OnEvent(slot, fed++, true);
                    }

                    break;
                case JournalRowTypes.Alert:
                    if (row.EventId is { } cause && cause > 0 && !journaledIds.Contains(cause))
                    {
                        spans.Add(row.Seq, "alert caused by an event the journal does not hold (not journaled while the journal was degraded)");
                    }

                    if (row.Payload is null)
                    {
                        purgedRevisions++;
                    }
                    else if (AlertJson.ChangeFromUtf8(System.Text.Encoding.UTF8.GetBytes(row.Payload)) is { } change)
                    {
                        journaled.Add(new ReplayRevision(row.Seq, change, ReplayCanonical.Of(change)));
                        engine.Journaled(change);
                    }

                    break;
            }
        }

        progress?.Invoke(lastSeq, lastSeq);
        var notCompared = engine.NotCompared;
        return new ReplayResult(Outside(journaled, notCompared), Outside(sink.Revisions, notCompared), spans.Spans, fed, purgedRevisions)
        {
            Restarts = engine.Restarts,
            NotCompared = notCompared,
            OtherConfiguration = engine.OtherConfiguration(lastSeq),
        };
    }

    /// <summary>The revisions raised by rows outside every span that cannot be compared.</summary>
    private static List<ReplayRevision> Outside(List<ReplayRevision> revisions, IReadOnlyList<ReplaySpan> spans) =>
        spans.Count == 0 ? revisions : [.. revisions.Where(r => !spans.Any(s => r.Seq >= s.FromSeq && r.Seq <= s.ToSeq))];

    /// <summary>Fusion's output during the replay: revisions kept, notes and clock ticks dropped (the journal has them).</summary>
    private sealed class Sink : IAlertSink
    {
        public long Seq { get; set; }

        public List<ReplayRevision> Revisions { get; } = [];

        public void OnAlertChange(AlertChange change, long causeEventId) => Revisions.Add(new ReplayRevision(Seq, change, ReplayCanonical.Of(change)));

        public void OnNote(JournalNote note, long causeEventId)
        {
        }

        public void OnClock(DateTimeOffset at, long causeEventId)
        {
        }
    }

    /// <summary>Joins rows that could not be fed into runs of the same reason.</summary>
    private sealed class SpanCollector
    {
        public List<ReplaySpan> Spans { get; } = [];

        public void Add(long seq, string reason)
        {
            if (Spans.Count > 0 && Spans[^1] is { } last && last.Reason == reason)
            {
                Spans[^1] = last with { ToSeq = seq, Rows = last.Rows + 1 };
                return;
            }

            Spans.Add(new ReplaySpan(seq, seq, 1, reason));
        }
    }
}
