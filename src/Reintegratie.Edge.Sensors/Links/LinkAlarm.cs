using System.Net;
using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Sensors.Links;

/// <summary>
/// Makes an attack on a sensor's link visible: every attempt is counted and logged; at most one per sensor and reason
/// per <see cref="Window"/> becomes a journaled <c>sensor_fault</c> (reason <c>forged_identity</c>, <c>duplicate_link</c>,
/// <c>connection_flood</c>, <c>unauthenticated_link</c>) through <see cref="Core.Health.SensorHealthRegistry.ReportLinkFault"/>,
/// which never changes the sensor's own health. The window keeps a flood from becoming a storm in the ring.
/// </summary>
public sealed partial class LinkAlarm
{
    /// <summary>Shortest time between two journaled faults of one sensor and reason.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly AdapterContext _context;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly Lock _gate = new();
    private readonly Dictionary<(int, string), long> _last = [];
    private long _count;

    /// <summary>Creates the alarm of one listener.</summary>
    public LinkAlarm(AdapterContext context, ILogger logger, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _logger = logger;
        _name = name;
    }

    /// <summary>Attempts seen.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Counts and logs an attempt on <paramref name="sensorIndex"/>'s link and journals it (rate-limited).</summary>
    public void Raise(int sensorIndex, string reason, EndPoint? remote)
    {
        Interlocked.Increment(ref _count); // exact count, read by tests and metrics
        var sensorId = (uint)sensorIndex < (uint)_context.Site.Sensors.Count ? _context.Site.Sensors[sensorIndex].Id : "?";
        LogAttempt(_logger, _name, reason, sensorId, remote);
        var now = _context.Time.GetTimestamp();
        lock (_gate)
        {
            if (_last.TryGetValue((sensorIndex, reason), out var last) && _context.Time.GetElapsedTime(last, now) < Window)
            {
                return;
            }

            _last[(sensorIndex, reason)] = now;
        }

        _context.Health.ReportLinkFault(sensorIndex, reason, _context.Time.GetUtcNow());
    }

    [LoggerMessage(EventId = 2400, Level = LogLevel.Warning, Message = "{Name}: link attempt refused ({Reason}) for sensor {SensorId} from {Remote}")]
    private static partial void LogAttempt(ILogger logger, string name, string reason, string sensorId, EndPoint? remote);
}
