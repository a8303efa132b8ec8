namespace Reintegratie.Edge.Mqtt.Payloads;

/// <summary>The retained <c>…/site</c> zone map (docs/schemas/site.json), built from the site configuration.</summary>
/// <param name="Name">Institution name (<c>Site:Name</c>).</param>
/// <param name="Geofence">The geofence polygon, or null when none is configured.</param>
/// <param name="Zones">Every zone, in configuration order.</param>
internal sealed record SiteMapPayload(string Name, IReadOnlyList<GeoPointPayload>? Geofence, IReadOnlyList<ZoneMapPayload> Zones);
