namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>What one consumer stage waits on: the ring's cursor and the stages it must run after.</summary>
public sealed class SequenceBarrier
{
    private readonly IRingAvailability _ring;
    private readonly Sequence _cursor;
    private readonly Sequence[] _dependencies;
    private readonly IWaitStrategy _waitStrategy;

    internal SequenceBarrier(IRingAvailability ring, Sequence cursor, Sequence[] dependencies, IWaitStrategy waitStrategy)
    {
        _ring = ring;
        _cursor = cursor;
        _dependencies = dependencies;
        _waitStrategy = waitStrategy;
    }

    /// <summary>
    /// Waits until <paramref name="sequence"/> is published (and passed by every dependency); returns the highest
    /// sequence that can be read in one batch. May return less than <paramref name="sequence"/> when a producer
    /// claimed but has not yet published; the caller simply waits again.
    /// </summary>
    public long WaitFor(long sequence, CancellationToken cancellationToken)
    {
        var available = _waitStrategy.WaitFor(sequence, _cursor, _dependencies, cancellationToken);
        if (available < sequence)
        {
            return available;
        }

        // Dependencies only ever pass published sequences; the cursor may be ahead of what is published.
        return _dependencies.Length > 0 ? available : _ring.GetHighestPublishedSequence(sequence, available);
    }
}
