namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>Counters of the ring's producer side, read by metrics and health.</summary>
public sealed class PipelineCounters
{
    private readonly long[] _shedPerSensor;
    private readonly Func<long> _published;
    private long _securityWaits;
    private long _shedGateway;

    /// <summary>Creates counters for <paramref name="sensorCount"/> sensors; <paramref name="published"/> reads the ring's claim count.</summary>
    public PipelineCounters(int sensorCount, Func<long> published)
    {
        _shedPerSensor = new long[sensorCount];
        _published = published;
    }

    /// <summary>Events claimed into the ring (derived from the cursor: no shared counter on the producers' hot path).</summary>
    public long Published => _published();

    /// <summary>Times a security-event producer found the ring full and waited one step.</summary>
    public long SecurityWaits => Interlocked.Read(ref _securityWaits);

    /// <summary>Sheddable events dropped on a full ring, for one sensor (-1: gateway-internal, e.g. ticks).</summary>
    public long Shed(int sensorIndex) =>
        (uint)sensorIndex < (uint)_shedPerSensor.Length ? Interlocked.Read(ref _shedPerSensor[sensorIndex]) : Interlocked.Read(ref _shedGateway);

    /// <summary>All sheddable events dropped.</summary>
    public long ShedTotal
    {
        get
        {
            var total = Interlocked.Read(ref _shedGateway);
            for (var i = 0; i < _shedPerSensor.Length; i++)
            {
                total += Interlocked.Read(ref _shedPerSensor[i]);
            }

            return total;
        }
    }

    // Interlocked: producers on many threads; readers tolerate a stale value but never a torn one.
    internal void OnSecurityWait() => Interlocked.Increment(ref _securityWaits);

    internal void OnShed(int sensorIndex)
    {
        if ((uint)sensorIndex < (uint)_shedPerSensor.Length)
        {
            Interlocked.Increment(ref _shedPerSensor[sensorIndex]);
        }
        else
        {
            Interlocked.Increment(ref _shedGateway);
        }
    }
}
