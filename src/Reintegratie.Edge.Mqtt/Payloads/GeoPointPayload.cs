namespace Reintegratie.Edge.Mqtt.Payloads;

/// <summary>A WGS-84 vertex in degrees.</summary>
/// <param name="Lat">Latitude.</param>
/// <param name="Lon">Longitude.</param>
internal sealed record GeoPointPayload(double Lat, double Lon);
