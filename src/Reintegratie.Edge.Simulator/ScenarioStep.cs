using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reintegratie.Edge.Simulator;

/// <summary>One timed action of a scenario: at <see cref="At"/> seconds after start, sensor <see cref="Sensor"/> does <see cref="Action"/>.</summary>
public sealed class ScenarioStep
{
    /// <summary>Seconds after the scenario start.</summary>
    [JsonPropertyName("at")]
    public double At { get; set; }

    /// <summary>Sensor id (as in the site configuration).</summary>
    [JsonPropertyName("sensor")]
    public string Sensor { get; set; } = string.Empty;

    /// <summary>Action name, defined by the sensor family's simulator profile (e.g. "fly", "open", "close", "cut").</summary>
    [JsonPropertyName("action")]
    public string Action { get; set; } = string.Empty;

    /// <summary>Action arguments (profile-specific).</summary>
    [JsonPropertyName("args")]
    public JsonElement Args { get; set; }

    /// <summary>Free text shown in the simulator log.</summary>
    [JsonPropertyName("note")]
    public string? Note { get; set; }
}
