using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Site;

/// <summary>
/// The part of a sensor's configuration (<c>Site:Sensors:N</c>) that Core needs. Each sensor family binds its
/// own, larger options class from the same configuration section for its transport details.
/// </summary>
public sealed class SensorOptions
{
    /// <summary>Unique sensor id (topic segment <c>…/sensors/{id}</c>): letters, digits, '-', '_'.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Sensor family.</summary>
    public SensorFamily Family { get; set; }

    /// <summary>Zone the sensor guards or stands in (empty when it covers the whole site).</summary>
    public string Zone { get; set; } = string.Empty;

    /// <summary>Without a frame or heartbeat for this long, the sensor is offline (0 = not supervised).</summary>
    public double ReportingSeconds { get; set; } = 30;

    /// <summary>
    /// A turn of the sensor's adapter (an open, handling what was read, a bodycam scan) still running after this long is
    /// a stall: the adapter is restarted and its sensors get <c>sensor_fault</c> (<c>adapter_stalled</c>). 1-3600.
    /// </summary>
    public double StallSeconds { get; set; } = 60;

    /// <summary>Disabled sensors are configured but not started.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sensor position (needed for range/bearing detections), optional.</summary>
    public GeoPoint? Position { get; set; }
}
