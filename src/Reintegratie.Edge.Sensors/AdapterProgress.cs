namespace Reintegratie.Edge.Sensors;

/// <summary>
/// What the adapter supervisor watches to find an adapter that has stopped making progress. Every reading loop of the
/// adapter (the read loop of a serial line, one per sensor link, the bodycam scan loop) is a <see cref="ProgressLoop"/>
/// that marks the start and end of each turn: an open, the handling of a chunk that was read, a scan. A turn still
/// running after <see cref="Window"/> is a stall (a handler that blocks, a hung open or mount). Waiting for input is
/// not a turn: a sensor that says nothing is the sensor's own reporting-time supervision (<c>sensor_offline</c>), not
/// a stall of the adapter.
/// </summary>
public sealed class AdapterProgress
{
    private readonly Lock _gate = new();
    private readonly List<ProgressLoop> _loops = [];
    private long _turns;

    /// <summary>Creates the progress record of one adapter.</summary>
    /// <param name="time">The clock turns are timed with.</param>
    /// <param name="window">The longest a turn may run (the sensors' <c>StallSeconds</c>).</param>
    /// <param name="reason">The <c>sensor_fault</c> reason a stall raises (<c>adapter_stalled</c>, bodycam <c>scan_stalled</c>).</param>
    public AdapterProgress(TimeProvider time, TimeSpan window, string reason = "adapter_stalled")
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window.TotalSeconds, 0, nameof(window));
        Time = time;
        Window = window;
        Reason = reason;
    }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The longest a turn may run.</summary>
    public TimeSpan Window { get; }

    /// <summary>The <c>sensor_fault</c> reason of a stall.</summary>
    public string Reason { get; }

    /// <summary>Turns completed (every loop together).</summary>
    public long Turns => Interlocked.Read(ref _turns);

    /// <summary>A new loop (dispose it when the loop ends: a closed link is no longer watched).</summary>
    public ProgressLoop Loop()
    {
        var loop = new ProgressLoop(this);
        lock (_gate)
        {
            _loops.Add(loop);
        }

        return loop;
    }

    /// <summary>How long the longest turn still running has run; <see cref="TimeSpan.Zero"/> when every loop waits.</summary>
    public TimeSpan LongestTurn()
    {
        var now = Time.GetTimestamp();
        var longest = TimeSpan.Zero;
        lock (_gate)
        {
            foreach (var loop in _loops)
            {
                var since = loop.BusySince;
                if (since != 0 && Time.GetElapsedTime(since, now) is var running && running > longest)
                {
                    longest = running;
                }
            }
        }

        return longest;
    }

    /// <summary>True when a turn has run longer than <see cref="Window"/>.</summary>
    public bool Stalled => LongestTurn().TotalSeconds > Window.TotalSeconds;

    internal void Completed() => Interlocked.Increment(ref _turns); // read by the supervisor and tests

    internal void Remove(ProgressLoop loop)
    {
        lock (_gate)
        {
            _loops.Remove(loop);
        }
    }
}
