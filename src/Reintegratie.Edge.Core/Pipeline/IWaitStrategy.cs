namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>How a consumer waits for a sequence to be published.</summary>
public interface IWaitStrategy
{
    /// <summary>
    /// Waits until <paramref name="cursor"/> and every dependency reached <paramref name="sequence"/>,
    /// and returns the highest value all of them reached (at least <paramref name="sequence"/>).
    /// </summary>
    long WaitFor(long sequence, Sequence cursor, Sequence[] dependencies, CancellationToken cancellationToken);

    /// <summary>Called by producers after publishing, and by stages after advancing; wakes blocked waiters.</summary>
    void SignalAllWhenBlocking();
}
