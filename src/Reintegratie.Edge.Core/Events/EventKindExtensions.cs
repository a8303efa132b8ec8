namespace Reintegratie.Edge.Core.Events;

/// <summary>Policy facts about event kinds.</summary>
public static class EventKindExtensions
{
    /// <summary>
    /// True when the event may be shed on a full ring. Life-safety and security events (alarm, tamper,
    /// drone, health, commands) are never dropped: their producer waits instead (DESIGN.md, ring buffer).
    /// </summary>
    public static bool IsSheddable(this EventKind kind) => kind is EventKind.Telemetry or EventKind.Tick;

    /// <summary>True when the journal stores the event (ticks are pipeline-internal).</summary>
    public static bool IsJournaled(this EventKind kind) => kind is not (EventKind.None or EventKind.Tick);

    /// <summary>The lower-case code used in the journal's <c>kind</c> column and on <c>…/events/{kind}</c>.</summary>
    public static string ToCode(this EventKind kind) => kind switch
    {
        EventKind.Tick => "tick",
        EventKind.DroneDetection => "drone",
        EventKind.Perimeter => "perimeter",
        EventKind.SensorHealth => "sensor_health",
        EventKind.Handset => "handset",
        EventKind.Bodycam => "bodycam",
        EventKind.Command => "command",
        EventKind.Gateway => "gateway",
        EventKind.Telemetry => "telemetry",
        _ => "none",
    };

    /// <summary>Parses <see cref="ToCode"/> back.</summary>
    public static bool TryParseCode(string code, out EventKind kind)
    {
        foreach (var k in Enum.GetValues<EventKind>())
        {
            if (k.ToCode() == code)
            {
                kind = k;
                return true;
            }
        }

        kind = EventKind.None;
        return false;
    }
}
