namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>Where a Remote ID receiver stands and how far it hears (its sensor's <c>Position</c> and <c>RangeM</c>).</summary>
/// <param name="SensorIndex">The receiver's sensor index.</param>
/// <param name="Latitude">Latitude in degrees.</param>
/// <param name="Longitude">Longitude in degrees.</param>
/// <param name="RangeM">Distance within which it hears a drone, in metres.</param>
public readonly record struct RemoteIdReceiverSite(int SensorIndex, double Latitude, double Longitude, double RangeM);
