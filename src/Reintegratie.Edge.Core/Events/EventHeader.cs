namespace Reintegratie.Edge.Core.Events;

/// <summary>The common fields every event carries.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Family">Source family.</param>
/// <param name="SensorIndex">Index of the sensor in the site model (-1 = gateway).</param>
/// <param name="ZoneIndex">Index of the zone in the site model (-1 = not placed).</param>
/// <param name="At">Observation time.</param>
public readonly record struct EventHeader(EventKind Kind, SensorFamily Family, int SensorIndex, int ZoneIndex, DateTimeOffset At);
