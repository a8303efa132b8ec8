namespace Reintegratie.Edge.Hub.Ingest;

/// <summary>One quorum queue of the hub and the <c>amq.topic</c> binding keys that feed it.</summary>
public sealed record QueueSpec(string Name, IReadOnlyList<string> Bindings)
{
    /// <summary>The hub's three queues: lifecycle, state, journal heads (a flood of sensor state never queues in front of an alert).</summary>
    public static QueueSpec[] For(HubOptions options, RoutingKeys keys) =>
    [
        new($"{options.QueueStem}.alerts", keys.AlertBindings),
        new($"{options.QueueStem}.state", keys.StateBindings),
        new($"{options.QueueStem}.heads", keys.HeadBindings),
    ];
}
