namespace Reintegratie.Edge.Core.Fusion;

/// <summary>A handset or contraband alert and the time of its latest new handset (it ends after the handset quiet period).</summary>
internal sealed class HandsetIncident
{
    public HandsetIncident(AlertState alert, int zone, DateTimeOffset last)
    {
        Alert = alert;
        Zone = zone;
        Last = last;
    }

    public AlertState Alert { get; }

    /// <summary>The zone a <c>handset_detected</c> alert is for (-1: unplaced); unused for contraband.</summary>
    public int Zone { get; }

    public DateTimeOffset Last { get; set; }
}
