namespace Reintegratie.Edge.Core.Site;

/// <summary>A zone of the resolved <see cref="SiteModel"/>.</summary>
/// <param name="Index">Index in <see cref="SiteModel.Zones"/>.</param>
/// <param name="Id">Zone id.</param>
/// <param name="Name">Name for staff.</param>
/// <param name="Kind">Zone kind.</param>
/// <param name="Polygon">Polygon, if configured.</param>
public sealed record Zone(int Index, string Id, string Name, string Kind, GeoPolygon? Polygon);
