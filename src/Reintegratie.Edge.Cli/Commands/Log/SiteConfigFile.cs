using System.Text.Json;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>Reads the <c>Site</c> section of a gateway JSON configuration file (names matched case-insensitively, as .NET configuration does).</summary>
internal static class SiteConfigFile
{
    /// <summary>Loads and validates the site; throws <see cref="ConfigurationException"/> naming the bad key.</summary>
    public static SiteModel Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var section = doc.RootElement.EnumerateObject().FirstOrDefault(p => p.NameEquals(SiteOptions.Section) || string.Equals(p.Name, SiteOptions.Section, StringComparison.OrdinalIgnoreCase));
        if (section.Value.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigurationException(SiteOptions.Section, $"{path} has no \"Site\" section");
        }

        var options = section.Value.Deserialize(SiteConfigJson.Default.SiteOptions) ?? new SiteOptions();
        return SiteModel.Build(options);
    }

    /// <summary>The <c>Journal:Retention</c> days per kind of a gateway configuration file (empty when it has none).</summary>
    public static Dictionary<string, double> LoadRetention(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var retention = new Dictionary<string, double>(StringComparer.Ordinal);
        if (Child(doc.RootElement, "Journal") is { } journal && Child(journal, "Retention") is { } section)
        {
            foreach (var p in section.EnumerateObject())
            {
                retention[p.Name] = p.Value.ValueKind == JsonValueKind.String
                    ? double.Parse(p.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                    : p.Value.GetDouble();
            }
        }

        return retention;
    }

    private static JsonElement? Child(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object
        && parent.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.Object } found
            ? found.Value
            : null;
}
