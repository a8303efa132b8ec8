namespace Reintegratie.Edge.Journal.Outbox;

/// <summary>
/// Wakes outbox readers after the writer commits outbox rows: a task that completes on the next signal, replaced on
/// every signal. No polling loop burns CPU while nothing happens.
/// </summary>
public sealed class CommitSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastOutboxId;

    /// <summary>Completes on the next <see cref="Signal"/>; take it before checking for rows, so no signal is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task; // acquire: see the latest task the writer installed

    /// <summary>Highest outbox id committed so far (0 when unknown).</summary>
    public long LastOutboxId => Interlocked.Read(ref _lastOutboxId);

    /// <summary>Called by the writer after a commit that added outbox rows up to <paramref name="lastOutboxId"/>.</summary>
    public void Signal(long lastOutboxId)
    {
        Interlocked.Exchange(ref _lastOutboxId, lastOutboxId); // full fence: the id is visible before waiters run
        var previous = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }
}
