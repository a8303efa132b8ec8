using System.Collections.Concurrent;
using Reintegratie.Edge.Core.Alerts;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// Fusion's alert changes and notes, queued on the fusion thread with the event that caused them, taken on the
/// journal thread when it reaches that event (so a cause's rows follow its event row in the same transaction).
/// </summary>
internal sealed class FusionOutputQueue
{
    private readonly ConcurrentQueue<PendingItem> _items = new();

    /// <summary>Queues an alert change (fusion thread).</summary>
    public void Add(AlertChange change, long causeEventId) => _items.Enqueue(new PendingItem(causeEventId, change, null));

    /// <summary>Queues a note (fusion thread).</summary>
    public void Add(JournalNote note, long causeEventId) => _items.Enqueue(new PendingItem(causeEventId, null, note));

    /// <summary>
    /// Takes the next item caused by <paramref name="eventId"/> or an earlier event. Fusion handled every event before
    /// the journal stage sees it (gated), so these are all queued; items with an earlier or no cause (restore, a
    /// skipped slot) are taken too rather than held for ever.
    /// </summary>
    public bool TryTakeCausedBy(long eventId, out PendingItem item)
    {
        if (_items.TryPeek(out item) && item.Cause <= eventId)
        {
            return _items.TryDequeue(out item);
        }

        item = default;
        return false;
    }

    /// <summary>Takes the next item whatever its cause (shutdown).</summary>
    public bool TryTake(out PendingItem item) => _items.TryDequeue(out item);
}
