namespace Reintegratie.Edge.Journal.Outbox;

/// <summary>
/// The publisher's view of the outbox. Rows are written by the journal in the same SQLite transaction as the alert
/// revision they carry; the publisher sends them strictly in id order and deletes each on PUBACK.
/// </summary>
public interface IOutboxReader
{
    /// <summary>Up to <paramref name="max"/> rows with id greater than <paramref name="afterId"/>, in id order.</summary>
    IReadOnlyList<OutboxMessage> ReadBatch(long afterId, int max);

    /// <summary>Deletes a delivered row (PUBACK received).</summary>
    void Delete(long id);

    /// <summary>Rows waiting.</summary>
    long PendingCount { get; }

    /// <summary>Completes when a row with id greater than <paramref name="afterId"/> exists (at once if one does).</summary>
    Task WaitForRowsAsync(long afterId, CancellationToken cancellationToken);
}
