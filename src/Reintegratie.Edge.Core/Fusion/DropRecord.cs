namespace Reintegratie.Edge.Core.Fusion;

/// <summary>A suspected drop remembered for the contraband window, with the contraband alert it led to (if any).</summary>
internal sealed class DropRecord
{
    public DropRecord(AlertState drop, DateTimeOffset at)
    {
        Drop = drop;
        At = at;
    }

    public AlertState Drop { get; }

    /// <summary>When the drop was suspected (the contraband window starts here).</summary>
    public DateTimeOffset At { get; }

    public AlertState? Contraband { get; set; }
}
