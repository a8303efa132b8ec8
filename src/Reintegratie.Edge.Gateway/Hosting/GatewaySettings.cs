using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Fusion;
using Reintegratie.Edge.Core.Pipeline;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Sensors.Links;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>The validated configuration the gateway runs with.</summary>
public sealed record GatewaySettings
{
    /// <summary>The whole configuration (sensor factories read their sections from it).</summary>
    public required IConfiguration Configuration { get; init; }

    /// <summary>State directory.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Resolved site.</summary>
    public required SiteModel Site { get; init; }

    /// <summary>Ring and stages.</summary>
    public required PipelineOptions Pipeline { get; init; }

    /// <summary>Fusion rule parameters.</summary>
    public required FusionOptions Fusion { get; init; }

    /// <summary>Journal.</summary>
    public required JournalOptions Journal { get; init; }

    /// <summary>MQTT.</summary>
    public required MqttOptions Mqtt { get; init; }

    /// <summary>Privacy pseudonymiser (keyed HMAC), loaded from the key file.</summary>
    public required object? Privacy { get; init; }

    /// <summary>How network sensors are admitted (<c>SensorLinks</c>).</summary>
    public required SensorLinkSettings Links { get; init; }
}
