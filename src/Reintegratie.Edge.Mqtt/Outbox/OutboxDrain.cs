using Reintegratie.Edge.Journal.Outbox;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Outbox;

/// <summary>
/// Sends outbox rows strictly in id order with up to <c>maxInFlight</c> QoS 1 publishes outstanding, and deletes rows in
/// id order as their PUBACKs arrive. The first failure ends <see cref="RunAsync"/> with <see cref="OutboxPublishException"/>;
/// the next call resumes after the last deleted row, so order holds and nothing is lost (duplicates are possible).
/// Within one read-ahead batch only the newest <c>alerts/active</c> row is published (the list is a retained state:
/// an older list is superseded); the superseded rows are deleted with the next acknowledged publish after them.
/// Each published <c>alerts/active</c> list also updates the retained <c>…/bypass</c> list when its bypasses changed
/// (<see cref="BypassListPublisher"/>); the row is deleted once both are acknowledged.
/// </summary>
internal sealed class OutboxDrain
{
    private readonly IOutboxReader _reader;
    private readonly MqttTopics _topics;
    private readonly ActiveAlertsCache _active;
    private readonly BypassListPublisher? _bypass;
    private readonly uint _alertExpirySeconds;
    private readonly int _readBatch;
    private long _lastDeletedId;
    private long _published;
    private long _coalesced;

    public OutboxDrain(IOutboxReader reader, MqttTopics topics, ActiveAlertsCache active, uint alertExpirySeconds, int readBatch = 512, BypassListPublisher? bypass = null)
    {
        _reader = reader;
        _topics = topics;
        _active = active;
        _bypass = bypass;
        _alertExpirySeconds = alertExpirySeconds;
        _readBatch = readBatch;
    }

    /// <summary>Highest row id deleted so far (the resume point).</summary>
    public long LastDeletedId => Interlocked.Read(ref _lastDeletedId);

    /// <summary>Rows published (acknowledged) since start.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Superseded <c>alerts/active</c> rows deleted without being published.</summary>
    public long Coalesced => Interlocked.Read(ref _coalesced);

    /// <summary>Drains until cancelled or a publish fails (then throws <see cref="OutboxPublishException"/>).</summary>
    public async Task RunAsync(IPublishChannel channel, int maxInFlight, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<InFlight>(maxInFlight);
        var superseded = new List<long>();
        var readAfter = LastDeletedId;
        IReadOnlyList<OutboxMessage> batch = [];
        var newestActive = -1;
        var next = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            while (inFlight.Count > 0 && inFlight.Peek().Task.IsCompleted)
            {
                Complete(inFlight.Dequeue());
            }

            if (inFlight.Count >= maxInFlight)
            {
                await WaitForHead(inFlight, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (next >= batch.Count)
            {
                batch = _reader.ReadBatch(readAfter, _readBatch);
                next = 0;
                newestActive = LastIndexOfActive(batch);
                if (batch.Count == 0)
                {
                    if (inFlight.Count > 0)
                    {
                        await WaitForHead(inFlight, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await _reader.WaitForRowsAsync(readAfter, cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }
            }

            var index = next++;
            var row = batch[index];
            readAfter = row.Id;
            var isActive = row.Topic == MqttTopics.AlertsActiveRelative;
            if (isActive && index < newestActive)
            {
                superseded.Add(row.Id); // a newer list follows in this batch
                continue;
            }

            var message = new OutgoingMessage(_topics.Relative(row.Topic), row.Payload, row.Retain, row.Retain ? 0 : _alertExpirySeconds);
            var task = isActive ? PublishActive(channel, message, cancellationToken) : channel.PublishAsync(message, cancellationToken);
            inFlight.Enqueue(new InFlight(task, row.Id, superseded.Count == 0 ? null : superseded.ToArray()));
            superseded.Clear();
        }
    }

    private Task<PublishOutcome> PublishActive(IPublishChannel channel, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var active = _active.PublishNewest(channel, message, cancellationToken);
        var bypass = _bypass?.PublishIfChanged(channel, message.Payload, cancellationToken);
        return bypass is null ? active : Both(active, bypass);
    }

    private static async Task<PublishOutcome> Both(Task<PublishOutcome> first, Task<PublishOutcome> second)
    {
        var a = await first.ConfigureAwait(false);
        var b = await second.ConfigureAwait(false);
        return a.Acknowledged ? b : a;
    }

    private static int LastIndexOfActive(IReadOnlyList<OutboxMessage> batch)
    {
        for (var i = batch.Count - 1; i >= 0; i--)
        {
            if (batch[i].Topic == MqttTopics.AlertsActiveRelative)
            {
                return i;
            }
        }

        return -1;
    }

    private async Task WaitForHead(Queue<InFlight> inFlight, CancellationToken cancellationToken)
    {
        try
        {
            await inFlight.Peek().Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Complete() turns the fault into an OutboxPublishException naming the row.
        }

        Complete(inFlight.Dequeue());
    }

    private void Complete(InFlight item)
    {
        PublishOutcome outcome;
        try
        {
            outcome = item.Task.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            throw new OutboxPublishException(item.RowId, ex.Message, ex);
        }

        if (!outcome.Acknowledged)
        {
            throw new OutboxPublishException(item.RowId, "broker answered " + outcome.Reason);
        }

        if (item.Superseded is not null)
        {
            foreach (var id in item.Superseded)
            {
                _reader.Delete(id); // ids below item.RowId: delete order stays ascending
                Interlocked.Increment(ref _coalesced);
            }
        }

        _reader.Delete(item.RowId);
        Interlocked.Exchange(ref _lastDeletedId, item.RowId); // read by status/metrics threads
        Interlocked.Increment(ref _published);
    }

    private readonly record struct InFlight(Task<PublishOutcome> Task, long RowId, long[]? Superseded);
}
