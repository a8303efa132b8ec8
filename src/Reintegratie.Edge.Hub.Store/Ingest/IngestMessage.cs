namespace Reintegratie.Edge.Hub.Ingest;

/// <summary>One delivery, copied out of the broker's buffer: routing key, body and whether the broker delivered it before.</summary>
public sealed record IngestMessage(string RoutingKey, byte[] Body, bool Redelivered);
