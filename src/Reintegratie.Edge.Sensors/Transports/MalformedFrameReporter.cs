using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>
/// Counts, logs (hex, capped) and lets the adapter skip a malformed frame. Log lines are rate-limited per
/// reporter (a garbage flood must not flood the log) but the count is exact.
/// </summary>
public sealed partial class MalformedFrameReporter
{
    /// <summary>At most this many bytes of a bad frame go into the log.</summary>
    public const int MaxHexBytes = 64;

    private readonly ILogger _logger;
    private readonly string _source;
    private readonly TimeProvider _time;
    private readonly TimeSpan _logInterval;
    private long _count;
    private long _suppressed;
    private long _lastLogTicks = long.MinValue;

    /// <summary>Creates a reporter for one sensor or listener.</summary>
    public MalformedFrameReporter(ILogger logger, string source, TimeProvider time, TimeSpan? logInterval = null)
    {
        _logger = logger;
        _source = source;
        _time = time;
        _logInterval = logInterval ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>Malformed frames seen so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Records one bad frame with the reason and the offending bytes.</summary>
    public void Report(string reason, ReadOnlySpan<byte> frame)
    {
        Interlocked.Increment(ref _count); // exact count, read by metrics and tests from other threads
        var now = _time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastLogTicks);
        if (last != long.MinValue && now - last < _logInterval.Ticks)
        {
            Interlocked.Increment(ref _suppressed);
            return;
        }

        Interlocked.Exchange(ref _lastLogTicks, now);
        var shown = frame.Length > MaxHexBytes ? frame[..MaxHexBytes] : frame;
        var suffix = frame.Length > MaxHexBytes ? $"... ({frame.Length} bytes)" : string.Empty;
        var suppressed = Interlocked.Exchange(ref _suppressed, 0);
        LogMalformed(_logger, _source, reason, Convert.ToHexString(shown) + suffix, Count, suppressed);
    }

    /// <summary>Records one bad text line (logged as the hex of its UTF-8 bytes, capped).</summary>
    public void Report(string reason, string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var chars = line.AsSpan(0, Math.Min(line.Length, MaxHexBytes));
        Span<byte> buf = stackalloc byte[MaxHexBytes * 3];
        var n = System.Text.Encoding.UTF8.GetBytes(chars, buf);
        Report(reason, buf[..n]);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning,
        Message = "{Source}: malformed frame skipped ({Reason}): {Hex} [total {Count}, {Suppressed} not logged since last]")]
    private static partial void LogMalformed(ILogger logger, string source, string reason, string hex, long count, long suppressed);
}
