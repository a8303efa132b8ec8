namespace Reintegratie.Edge.Core.Topics;

/// <summary>
/// Names of the gateway's topics relative to its root <c>{prefix}/{site}/{gateway}</c> (docs/MQTT.md). They live in Core
/// because two projects write them: the journal stores an outbox row's topic in this relative form, and the MQTT
/// project's <c>MqttTopics</c> joins it to the root when it publishes.
/// </summary>
public static class GatewayTopics
{
    /// <summary>Alert lifecycle messages (outbox rows, not retained).</summary>
    public const string Alerts = "alerts";

    /// <summary>The retained list of active alerts (outbox rows).</summary>
    public const string AlertsActive = "alerts/active";

    /// <summary>The retained list of active bypasses.</summary>
    public const string Bypass = "bypass";
}
