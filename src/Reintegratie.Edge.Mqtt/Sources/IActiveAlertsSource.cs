namespace Reintegratie.Edge.Mqtt.Sources;

/// <summary>
/// Optional: supplies the current <c>alerts/active</c> payload (a JSON array of alert snapshots, <c>AlertJson</c>) for a
/// <c>resync</c> before any list went through the outbox in this process. Must be thread-safe.
/// </summary>
public interface IActiveAlertsSource
{
    /// <summary>The list as UTF-8 JSON, or null when unknown.</summary>
    ReadOnlyMemory<byte>? GetActiveAlertsPayload();
}
