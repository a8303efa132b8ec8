namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>
/// At most N refused commands journaled per minute, so a flood of forged commands cannot fill the disk; the refusals
/// over the limit are counted and the count rides on the next refusal that is journaled. Used by the command loop only.
/// </summary>
internal sealed class RefusalLimiter
{
    private readonly int _perMinute;
    private readonly TimeProvider _time;
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
    private int _inWindow;
    private long _skipped;

    public RefusalLimiter(int perMinute, TimeProvider time)
    {
        _perMinute = perMinute;
        _time = time;
    }

    /// <summary>Refusals not journaled so far, in all.</summary>
    public long TotalSkipped { get; private set; }

    /// <summary>True when this refusal may be journaled; <paramref name="skippedBefore"/> is then the count not journaled since the last one.</summary>
    public bool TryTake(out long skippedBefore)
    {
        var now = _time.GetUtcNow();
        if (now >= _windowEnd)
        {
            _windowEnd = now.AddMinutes(1);
            _inWindow = 0;
        }

        if (_inWindow >= _perMinute)
        {
            _skipped++;
            TotalSkipped++;
            skippedBefore = 0;
            return false;
        }

        _inWindow++;
        skippedBefore = _skipped;
        _skipped = 0;
        return true;
    }
}
