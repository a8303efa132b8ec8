namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>Spins without ever blocking.</summary>
/// <remarks>
/// CPU cost: one full core per consumer, always, even when idle. Lowest hand-off latency; only for benchmarks
/// and dedicated cores, never the gateway default.
/// </remarks>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    /// <inheritdoc />
    public long WaitFor(long sequence, Sequence cursor, Sequence[] dependencies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(dependencies);
        while (true)
        {
            var available = dependencies.Length == 0 ? cursor.Value : Math.Min(cursor.Value, Sequence.Min(dependencies, long.MaxValue));
            if (available >= sequence)
            {
                return available;
            }

            cancellationToken.ThrowIfCancellationRequested();
            Thread.SpinWait(8);
        }
    }

    /// <inheritdoc />
    public void SignalAllWhenBlocking()
    {
    }
}
