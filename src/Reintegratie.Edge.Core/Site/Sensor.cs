using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Site;

/// <summary>A sensor of the resolved <see cref="SiteModel"/>.</summary>
/// <param name="Index">Index in <see cref="SiteModel.Sensors"/>.</param>
/// <param name="Id">Sensor id.</param>
/// <param name="Family">Family.</param>
/// <param name="ZoneIndex">Zone index, -1 when site-wide.</param>
/// <param name="ReportingTime">Offline after this long without a frame (zero: not supervised).</param>
/// <param name="Position">Position, if configured.</param>
public sealed record Sensor(int Index, string Id, SensorFamily Family, int ZoneIndex, TimeSpan ReportingTime, GeoPoint? Position)
{
    /// <summary>The longest one turn of the sensor's adapter may run before it counts as stalled (<c>StallSeconds</c>).</summary>
    public TimeSpan StallTime { get; init; } = TimeSpan.FromSeconds(60);
}
