namespace Reintegratie.Edge.Core.Site;

/// <summary>The site layout (configuration section <c>Site</c>): zones, adjacency, geofence, sectors, sensors.</summary>
public sealed class SiteOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Site";

    /// <summary>Institution name, e.g. "PI Sittard".</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Geofence polygon around the institution (drone positions inside raise incursions).</summary>
    public List<GeoPoint> Geofence { get; set; } = [];

    /// <summary>Zones.</summary>
    public List<ZoneOptions> Zones { get; set; } = [];

    /// <summary>Bearing sectors of direction-finding sensors.</summary>
    public List<SectorOptions> Sectors { get; set; } = [];

    /// <summary>Sensors.</summary>
    public List<SensorOptions> Sensors { get; set; } = [];
}
