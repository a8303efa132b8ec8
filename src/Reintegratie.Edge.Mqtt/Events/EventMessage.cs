namespace Reintegratie.Edge.Mqtt.Events;

/// <summary>One formatted event on its way to the broker.</summary>
/// <param name="Topic">Full topic, <c>{root}/events/{kind}</c>.</param>
/// <param name="Payload">UTF-8 JSON (<see cref="EventPayload"/>).</param>
public readonly record struct EventMessage(string Topic, ReadOnlyMemory<byte> Payload);
