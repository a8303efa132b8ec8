using System.Text.Json;

namespace Reintegratie.Edge.Hub.Storage;

/// <summary>Property access that names the missing field (the reason kept in <c>rejected_messages</c>).</summary>
internal static class JsonFields
{
    public static JsonElement Field(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value)
            ? value
            : throw new FormatException($"{name}: expected a field '{name}' in a JSON object");
}
