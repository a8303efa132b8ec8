namespace Reintegratie.Edge.Core.Events;

/// <summary>Operator command verbs (MQTT <c>…/cmd/{verb}</c>).</summary>
public enum CommandVerb : byte
{
    /// <summary>Acknowledge an alert.</summary>
    Ack = 0,
    /// <summary>Put a zone in maintenance bypass until an expiry (at most 24 h).</summary>
    Bypass = 1,
    /// <summary>Republish the present state (active alerts, sensor health, journal head).</summary>
    Resync = 2,
}
