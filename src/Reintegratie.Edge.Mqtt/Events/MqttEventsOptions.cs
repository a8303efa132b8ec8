using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Mqtt.Events;

/// <summary>
/// Normalised events on <c>…/events/{kind}</c> (configuration section <c>Mqtt:Events</c>, docs/MQTT.md). Off by
/// default. Events are not guaranteed like alerts: they bypass the outbox and are dropped (and counted) while the broker
/// is unreachable. When the hand-off queue is full the events stage waits for room (<see cref="WhenFull"/> <c>wait</c>,
/// the default: the ring absorbs the burst, then the sensors' producers wait) or drops and counts (<c>drop</c>).
/// </summary>
public sealed class MqttEventsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Mqtt:Events";

    /// <summary>Publish events at all (default false).</summary>
    public bool Enabled { get; set; }

    /// <summary>Event kind codes to publish, e.g. <c>["drone", "perimeter"]</c>; empty = every journaled kind.</summary>
    public string[] Kinds { get; set; } = [];

    /// <summary>The <see cref="WhenFull"/> value that makes the stage wait for room (backpressure; the default).</summary>
    public const string Wait = "wait";

    /// <summary>The <see cref="WhenFull"/> value that drops (and counts) an event that finds the queue full.</summary>
    public const string Drop = "drop";

    /// <summary>Events waiting between the pipeline stage and the MQTT client; beyond this <see cref="WhenFull"/> applies.</summary>
    public int QueueCapacity { get; set; } = 8192;

    /// <summary>
    /// What the events stage does with an event that finds the queue full while the broker is connected: <c>wait</c>
    /// (default) until the feed makes room, so nothing is lost while the broker keeps up on average (backpressure:
    /// the ring fills, then the sensors' producers wait, as for any slow stage); <c>drop</c> it and count it (event 352),
    /// so a slow broker never slows the pipeline. While the broker is unreachable events are dropped either way.
    /// </summary>
    public string WhenFull { get; set; } = Wait;

    /// <summary>True when the stage waits for room in a full queue (<see cref="WhenFull"/> is <c>wait</c>).</summary>
    internal bool WaitsWhenFull => string.Equals(WhenFull, Wait, StringComparison.OrdinalIgnoreCase);

    /// <summary>Most unacknowledged QoS 1 event publishes at once.</summary>
    public int MaxInFlight { get; set; } = 256;

    /// <summary>MQTT 5 message expiry of an event (0 = none): a stale event is of no use to a console.</summary>
    public int MessageExpirySeconds { get; set; } = 60;

    /// <summary>Binds and validates the section; throws <see cref="ConfigurationException"/> naming the bad key.</summary>
    public static MqttEventsOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new MqttEventsOptions();
        configuration.GetSection(Section).Bind(options);
        options.Validate();
        return options;
    }

    /// <summary>Throws <see cref="ConfigurationException"/> for the first invalid setting.</summary>
    public void Validate()
    {
        for (var i = 0; i < Kinds.Length; i++)
        {
            if (!EventKindExtensions.TryParseCode(Kinds[i], out var kind) || !kind.IsJournaled())
            {
                throw new ConfigurationException(
                    $"{Section}:Kinds:{i}",
                    $"expected one of drone, perimeter, sensor_health, handset, bodycam, command, gateway, telemetry but got \"{Kinds[i]}\"");
            }
        }

        if (!WaitsWhenFull && !string.Equals(WhenFull, Drop, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigurationException($"{Section}:{nameof(WhenFull)}", $"expected \"wait\" or \"drop\" but got \"{WhenFull}\"");
        }

        Range(nameof(QueueCapacity), QueueCapacity, 16, 1_000_000);
        Range(nameof(MaxInFlight), MaxInFlight, 1, 65535);
        Range(nameof(MessageExpirySeconds), MessageExpirySeconds, 0, 86400);
    }

    /// <summary>True when events of <paramref name="kind"/> are published.</summary>
    public bool Selects(EventKind kind) =>
        Enabled && kind.IsJournaled() && (Kinds.Length == 0 || Array.IndexOf(Kinds, kind.ToCode()) >= 0);

    private static void Range(string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new ConfigurationException($"{Section}:{key}", $"expected {min}..{max} but got {value}");
        }
    }
}
