namespace Reintegratie.Edge.Core.Time;

/// <summary>
/// Exponential backoff with full jitter, capped ("Exponential Backoff And Jitter", AWS architecture blog):
/// delay = random(0, min(cap, base * 2^attempt)). Reset after a success.
/// </summary>
public sealed class Backoff
{
    private readonly TimeSpan _base;
    private readonly TimeSpan _cap;
    private readonly Random _random;
    private int _attempt;

    /// <summary>Creates a backoff.</summary>
    /// <param name="baseDelay">First ceiling (e.g. 250 ms).</param>
    /// <param name="cap">Largest ceiling (e.g. 30 s).</param>
    /// <param name="random">Random source (seeded in tests); shared instance when null.</param>
    public Backoff(TimeSpan baseDelay, TimeSpan cap, Random? random = null)
    {
        if (baseDelay <= TimeSpan.Zero || cap < baseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(cap), $"Need 0 < base <= cap but base is {baseDelay} and cap is {cap}.");
        }

        _base = baseDelay;
        _cap = cap;
        _random = random ?? Random.Shared;
    }

    /// <summary>Failed attempts since the last <see cref="Reset"/>.</summary>
    public int Attempt => _attempt;

    /// <summary>The next delay; increases the attempt count.</summary>
    public TimeSpan Next()
    {
        var exp = Math.Min(_attempt, 30);
        _attempt++;
        var ceilingMs = Math.Min(_cap.TotalMilliseconds, _base.TotalMilliseconds * Math.Pow(2, exp));
        return TimeSpan.FromMilliseconds(_random.NextDouble() * ceilingMs);
    }

    /// <summary>Starts over after a success.</summary>
    public void Reset() => _attempt = 0;
}
