using System.Text;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Journal.Outbox;

namespace Reintegratie.Edge.Mqtt.Tests.Support;

/// <summary>
/// A small, honest <see cref="IOutboxReader"/> double: rows in id order, deletes recorded (a delete of a missing row is
/// recorded as a violation), <see cref="WaitForRowsAsync"/> woken by <see cref="Add"/>.
/// </summary>
public sealed class InMemoryOutbox : IOutboxReader
{
    private readonly object _gate = new();
    private readonly SortedList<long, OutboxMessage> _rows = new();
    private readonly List<long> _deleted = new();
    private readonly List<string> _violations = new();
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId = 1;

    public long PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count;
            }
        }
    }

    public IReadOnlyList<long> Deleted
    {
        get
        {
            lock (_gate)
            {
                return _deleted.ToArray();
            }
        }
    }

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return _violations.ToArray();
            }
        }
    }

    public OutboxMessage Add(string topic, string json, bool retain = false, Severity severity = Severity.High)
    {
        TaskCompletionSource signal;
        OutboxMessage row;
        lock (_gate)
        {
            row = new OutboxMessage(_nextId++, topic, Encoding.UTF8.GetBytes(json), retain, severity, DateTimeOffset.UtcNow, null, 0);
            _rows.Add(row.Id, row);
            signal = _added;
            _added = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
        return row;
    }

    public IReadOnlyList<OutboxMessage> ReadBatch(long afterId, int max)
    {
        lock (_gate)
        {
            return _rows.Values.Where(r => r.Id > afterId).Take(max).ToList();
        }
    }

    public void Delete(long id)
    {
        lock (_gate)
        {
            if (!_rows.Remove(id))
            {
                _violations.Add($"delete of missing row {id}");
            }

            if (_deleted.Count > 0 && _deleted[^1] > id)
            {
                _violations.Add($"delete of {id} after {_deleted[^1]} (out of order)");
            }

            _deleted.Add(id);
        }
    }

    public async Task WaitForRowsAsync(long afterId, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_rows.Count > 0 && _rows.Keys[^1] > afterId)
                {
                    return;
                }

                wait = _added.Task;
            }

            await wait.WaitAsync(cancellationToken);
        }
    }
}
