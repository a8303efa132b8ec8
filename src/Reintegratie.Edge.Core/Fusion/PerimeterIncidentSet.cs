using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// Active breach or drop incidents. One ends after <see cref="FusionOptions.PerimeterQuietSeconds"/> without a new
/// alarm, once every input that alarmed is restored (a fence held open keeps its alert).
/// </summary>
internal sealed class PerimeterIncidentSet
{
    private readonly FusionContext _ctx;
    private readonly PerimeterInputs _inputs;

    public PerimeterIncidentSet(FusionContext ctx, PerimeterInputs inputs)
    {
        _ctx = ctx;
        _inputs = inputs;
    }

    public List<PerimeterIncident> Items { get; } = new(16);

    /// <summary>The active incident whose zones include <paramref name="zone"/> (or, unplaced, whose inputs include the sensor).</summary>
    public PerimeterIncident? InZone(int zone, int sensor)
    {
        foreach (var i in Items)
        {
            if (zone >= 0 ? i.Alert.Zones.Contains(zone) : i.Inputs.Contains(sensor))
            {
                return i;
            }
        }

        return null;
    }

    public void Sweep(DateTimeOffset now, long cause)
    {
        var quiet = _ctx.Options.PerimeterQuietSeconds;
        for (var k = 0; k < Items.Count; k++)
        {
            var i = Items[k];
            if ((now - i.LastAlarm).TotalSeconds >= quiet && _inputs.NoneIn(i.Inputs, PerimeterState.Alarm))
            {
                Items.RemoveAt(k--);
                _ctx.Alerts.End(i.Alert, now, now, cause);
            }
        }
    }
}
