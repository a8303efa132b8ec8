using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// Writes the effective site layout and fusion parameters (<c>{"Site": …, "Fusion": …}</c>) to the state directory at
/// start, so analysts' tools can draw the zone map for this journal (<c>edgectl log report --config STATE/site.json</c>)
/// and re-run it through fusion (<c>edgectl replay --db STATE/journal.db</c>) whatever files the site came from.
/// </summary>
public static class SiteSnapshot
{
    /// <summary>File name in the state directory.</summary>
    public const string FileName = "site.json";

    /// <summary>
    /// Writes the snapshot (atomically: temp file, then rename). <paramref name="idSeed"/> is the effective alert id seed
    /// (configured, or derived from the topic root: <see cref="Core.Fusion.AlertIdSeed"/>), written exactly, so a replay
    /// makes the same alert ids.
    /// </summary>
    public static string Write(IConfiguration configuration, string stateDirectory, ulong? idSeed = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = new JsonObject { ["Site"] = ToJson(configuration.GetSection("Site")) };
        if (ToJson(configuration.GetSection("Fusion")) is { } fusion)
        {
            root["Fusion"] = fusion; // the replay needs the same rule parameters and alert id seed
        }

        if (idSeed is { } seed)
        {
            if (root["Fusion"] is not JsonObject section)
            {
                root["Fusion"] = section = new JsonObject();
            }

            section["IdSeed"] = JsonValue.Create(seed); // a ulong, not through double: every bit of the seed matters
        }

        var path = Path.Combine(stateDirectory, FileName);
        var temp = path + ".tmp";
        File.WriteAllText(temp, root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>Configuration keeps arrays as children named 0..n-1 and every value as text; JSON gets them back.</summary>
    private static JsonNode? ToJson(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return string.IsNullOrEmpty(section.Value) ? null : Scalar(section.Value);
        }

        if (children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var array = new JsonArray();
            foreach (var c in children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)))
            {
                array.Add(ToJson(c));
            }

            return array;
        }

        var obj = new JsonObject();
        foreach (var c in children)
        {
            if (ToJson(c) is { } value)
            {
                obj[c.Key] = value; // empty values and empty arrays are left out: readers use their defaults
            }
        }

        return obj;
    }

    private static JsonValue Scalar(string value)
    {
        // Numbers with a leading zero ("007") are ids, not numbers.
        var leadingZero = value.Length > 1 && value[0] == '0' && value[1] != '.';
        if (!leadingZero && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return bool.TryParse(value, out var b) ? JsonValue.Create(b) : JsonValue.Create(value);
    }
}
