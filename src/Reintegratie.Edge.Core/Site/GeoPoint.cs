namespace Reintegratie.Edge.Core.Site;

/// <summary>A WGS-84 position in degrees (bound from configuration as <c>{"Lat": .., "Lon": ..}</c>).</summary>
public sealed class GeoPoint
{
    /// <summary>Latitude in degrees.</summary>
    public double Lat { get; set; }

    /// <summary>Longitude in degrees.</summary>
    public double Lon { get; set; }
}
