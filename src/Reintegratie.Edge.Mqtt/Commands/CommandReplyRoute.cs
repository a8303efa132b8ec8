namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>Where a command reply goes.</summary>
/// <param name="Topic">Reply topic.</param>
/// <param name="CorrelationData">MQTT 5 correlation data to echo, or null.</param>
public sealed record CommandReplyRoute(string Topic, byte[]? CorrelationData);
