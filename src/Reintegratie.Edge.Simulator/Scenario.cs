using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Reintegratie.Edge.Simulator;

/// <summary>
/// A scenario: a site layout to run against (the <c>Site</c> configuration section as JSON) and a timeline of sensor
/// actions. Built-in scenarios are embedded resources (<c>Scenarios/*.json</c>); a path to a JSON file works too.
/// </summary>
public sealed class Scenario
{
    /// <summary>Scenario name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>What it shows.</summary>
    [JsonPropertyName("description")]
    public string Description { get; set; } = string.Empty;

    /// <summary>Configuration overlay (e.g. <c>{"Site": {...}, "Fusion": {...}}</c>) applied when the gateway runs the scenario in-process.</summary>
    [JsonPropertyName("configuration")]
    public JsonObject? Configuration { get; set; }

    /// <summary>Timeline, in any order (sorted by <see cref="ScenarioStep.At"/> when run).</summary>
    [JsonPropertyName("steps")]
    public List<ScenarioStep> Steps { get; set; } = [];

    /// <summary>Loads a built-in scenario by name, or a scenario file by path.</summary>
    public static Scenario Load(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrPath);
        Stream? stream = File.Exists(nameOrPath)
            ? File.OpenRead(nameOrPath)
            : typeof(Scenario).Assembly.GetManifestResourceStream($"scenarios/{nameOrPath}.json");
        if (stream is null)
        {
            throw new FileNotFoundException(
                $"No scenario '{nameOrPath}': not a file, and the built-in ones are: {string.Join(", ", BuiltIn())}.", nameOrPath);
        }

        using (stream)
        {
            var scenario = JsonSerializer.Deserialize(stream, SimulatorJson.Default.Scenario)
                ?? throw new InvalidDataException($"Scenario '{nameOrPath}' is empty.");
            scenario.Steps.Sort((a, b) => a.At.CompareTo(b.At));
            return scenario;
        }
    }

    /// <summary>Names of the built-in scenarios.</summary>
    public static IEnumerable<string> BuiltIn() =>
        typeof(Scenario).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("scenarios/", StringComparison.Ordinal))
            .Select(n => Path.GetFileNameWithoutExtension(n["scenarios/".Length..]));
}
