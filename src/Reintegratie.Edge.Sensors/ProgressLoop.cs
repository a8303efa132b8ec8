namespace Reintegratie.Edge.Sensors;

/// <summary>
/// One loop of an adapter (<see cref="AdapterProgress.Loop"/>): <see cref="Begin"/> before a turn's work,
/// <see cref="End"/> after it (in a finally). Nothing is allocated per turn.
/// </summary>
public sealed class ProgressLoop : IDisposable
{
    private readonly AdapterProgress _progress;
    private long _busySince;

    internal ProgressLoop(AdapterProgress progress) => _progress = progress;

    /// <summary>Timestamp the running turn began at, 0 while the loop waits.</summary>
    public long BusySince => Interlocked.Read(ref _busySince); // written by the loop, read by the supervisor's timer

    /// <summary>A turn begins.</summary>
    public void Begin()
    {
        var now = _progress.Time.GetTimestamp();
        Interlocked.Exchange(ref _busySince, now == 0 ? 1 : now); // 0 means waiting; the supervisor reads it from a timer
    }

    /// <summary>The turn ended (the loop waits for input again).</summary>
    public void End()
    {
        Interlocked.Exchange(ref _busySince, 0); // read by the supervisor's timer
        _progress.Completed();
    }

    /// <summary>The loop ended: no longer watched.</summary>
    public void Dispose() => _progress.Remove(this);
}
