using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>
/// Counts and logs rejected umbrella lines without raw identifiers: the reason, the line length and the
/// <see cref="GsmLineRedactor"/> form (never the hex of the raw line, which would carry IMSI and IMEI digits).
/// Log lines are rate-limited; the count is exact.
/// </summary>
public sealed partial class GsmBadLineReporter
{
    private readonly ILogger _logger;
    private readonly string _source;
    private readonly TimeProvider _time;
    private readonly TimeSpan _logInterval;
    private long _count;
    private long _suppressed;
    private long _lastLogTicks = long.MinValue;

    /// <summary>Creates a reporter for one listener.</summary>
    public GsmBadLineReporter(ILogger logger, string source, TimeProvider time, TimeSpan? logInterval = null)
    {
        _logger = logger;
        _source = source;
        _time = time;
        _logInterval = logInterval ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>Rejected lines so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Records one rejected line.</summary>
    public void Report(string reason, ReadOnlySpan<byte> line) => Report(reason, line.Length, line);

    /// <summary>Records one rejected line of which only <paramref name="shown"/> is at hand (e.g. an over-long line).</summary>
    public void Report(string reason, int length, ReadOnlySpan<byte> shown)
    {
        Interlocked.Increment(ref _count); // exact: read by metrics and tests on other threads
        var now = _time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastLogTicks);
        if (last != long.MinValue && now - last < _logInterval.Ticks)
        {
            Interlocked.Increment(ref _suppressed);
            return;
        }

        Interlocked.Exchange(ref _lastLogTicks, now);
        var suppressed = Interlocked.Exchange(ref _suppressed, 0);
        LogRejected(_logger, _source, reason, length, GsmLineRedactor.Redact(shown), Count, suppressed);
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning,
        Message = "{Source}: umbrella line skipped ({Reason}), {Length} bytes: {Redacted} [total {Count}, {Suppressed} not logged since last]")]
    private static partial void LogRejected(ILogger logger, string source, string reason, int length, string redacted, long count, long suppressed);
}
