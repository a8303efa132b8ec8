using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>Row appending, group commit and chain state.</summary>
public sealed partial class JournalWriter
{
    /// <summary>Appends one hash-chained row in the open transaction (opening one if needed); returns its seq.</summary>
    private long AppendRow(in RowFields fields, ReadOnlySpan<byte> payloadUtf8)
    {
        if (!_inTransaction)
        {
            _sql.Begin();
            _inTransaction = true;
        }

        var row = fields with { Seq = _seq + 1 };
        System.Security.Cryptography.SHA256.HashData(payloadUtf8, _digest);
        _hasher.ComputeFromDigest(_prevHash, row, _digest, _hash);
        _sql.InsertRow(row, payloadUtf8, _digest, _prevHash, _hash);
        _seq = row.Seq;
        (_prevHash, _hash) = (_hash, _prevHash);
        _rowsInTransaction++;
        return row.Seq;
    }

    private void Commit()
    {
        if (_outboxInTransaction)
        {
            Shed(() => _shedder.ShedOverCount(_options.Outbox.MaxRows));
        }

        _sql.Commit();
        ForgetCommitted();
        CompleteDurableCommands();
        _inTransaction = false;
        _rowsInTransaction = 0;
        var head = new JournalHead(_seq, Convert.ToHexStringLower(_prevHash));
        Volatile.Write(ref _head, head); // release: readers on other threads see a fully built head
        if (_outboxInTransaction)
        {
            _outboxInTransaction = false;
            _signal.Signal(_lastOutboxId);
        }

        Committed?.Invoke(head);
    }

    private void Shed(Func<long> shed)
    {
        var began = !_inTransaction;
        if (began)
        {
            _sql.Begin();
        }

        var n = shed();
        if (began)
        {
            _sql.Commit();
        }

        if (n > 0)
        {
            Interlocked.Add(ref _outboxShed, n); // read by health reporting on another thread
            LogShed(_logger, n);
            OutboxShedding?.Invoke(n);
        }
    }

    /// <summary>Reads the chain head and the active alerts back from the database (open, and after a failed batch).</summary>
    private void ReloadState()
    {
        var (seq, hash) = _sql.LastRow();
        _seq = seq;
        hash.CopyTo(_prevHash, 0);
        Volatile.Write(ref _head, new JournalHead(seq, Convert.ToHexStringLower(hash))); // release, as in Commit
        _active.Clear();
        foreach (var payload in _sql.LatestAlertPayloads())
        {
            var change = Core.Alerts.AlertJson.ChangeFromUtf8(System.Text.Encoding.UTF8.GetBytes(payload));
            if (change is not null && IsActive(change))
            {
                _active[change.After.Id] = change.After;
            }
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 344, Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Outbox over its bounds: shed {Count} low-severity or superseded rows")]
    private static partial void LogShed(Microsoft.Extensions.Logging.ILogger logger, long count);
}
