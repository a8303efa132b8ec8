namespace Reintegratie.Edge.Hub.Ingest;

/// <summary>Where a message came from: site and gateway topic levels, the topic kind and, for sensors, the sensor id.</summary>
public readonly record struct TopicAddress(string Site, string Gateway, TopicKind Kind, string? SensorId);
