namespace Reintegratie.Edge.Mqtt.Payloads;

/// <summary>One zone of the <c>…/site</c> map.</summary>
/// <param name="Id">Zone id as alerts carry it.</param>
/// <param name="Name">Name for staff.</param>
/// <param name="Kind">perimeter, yard, wing, building, outside.</param>
/// <param name="Adjacent">Ids of the adjacent zones.</param>
/// <param name="Polygon">The polygon's vertices, or null when the zone has none.</param>
internal sealed record ZoneMapPayload(string Id, string Name, string Kind, IReadOnlyList<string> Adjacent, IReadOnlyList<GeoPointPayload>? Polygon);
