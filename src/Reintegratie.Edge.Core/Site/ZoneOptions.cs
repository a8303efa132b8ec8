namespace Reintegratie.Edge.Core.Site;

/// <summary>One zone of the site (configuration <c>Site:Zones:N</c>).</summary>
public sealed class ZoneOptions
{
    /// <summary>Short id used in events, alerts and topics (e.g. "Z3", "wing-b").</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Name for staff (Dutch), e.g. "Noordhek" or "Afdeling B".</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>What the zone is: perimeter, yard, wing, building, outside.</summary>
    public string Kind { get; set; } = "perimeter";

    /// <summary>Ids of adjacent zones (symmetric; listing one side is enough).</summary>
    public List<string> Adjacent { get; set; } = [];

    /// <summary>Optional polygon (at least 3 points) for placing drone positions.</summary>
    public List<GeoPoint> Polygon { get; set; } = [];
}
