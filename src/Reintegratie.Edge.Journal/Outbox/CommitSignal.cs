namespace Reintegratie.Edge.Journal.Outbox;

/// <summary>
/// Wakes outbox readers once the writer's outbox rows are durable: a task that completes on the next signal, replaced
/// on every signal. No polling loop burns CPU while nothing happens. <see cref="LastOutboxId"/> bounds what readers
/// may take: a row committed but not yet durable is not published.
/// </summary>
public sealed class CommitSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastOutboxId;

    /// <summary>A signal with no bound: readers take every committed row (tools reading a journal no writer holds).</summary>
    public CommitSignal()
        : this(long.MaxValue)
    {
    }

    /// <summary>A signal whose readers take rows up to <paramref name="durableOutboxId"/> until the next signal.</summary>
    public CommitSignal(long durableOutboxId) => _lastOutboxId = durableOutboxId;

    /// <summary>Completes on the next <see cref="Signal"/>; take it before checking for rows, so no signal is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task; // acquire: see the latest task the writer installed

    /// <summary>Highest outbox id that is durable: readers take no row above it.</summary>
    public long LastOutboxId => Interlocked.Read(ref _lastOutboxId);

    /// <summary>Called by the writer once outbox rows up to <paramref name="lastOutboxId"/> are durable.</summary>
    public void Signal(long lastOutboxId)
    {
        Interlocked.Exchange(ref _lastOutboxId, lastOutboxId); // full fence: the id is visible before waiters run
        var previous = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }
}
