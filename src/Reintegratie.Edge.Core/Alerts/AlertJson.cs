using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reintegratie.Edge.Core.Alerts;

/// <summary>
/// System.Text.Json source-generated serialisation of alert payloads: snake_case names, nulls written
/// (consumers see <c>"before": null</c>), no reflection at run time. One context serves the journal and MQTT.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(AlertChange))]
[JsonSerializable(typeof(AlertSnapshot))]
[JsonSerializable(typeof(List<AlertSnapshot>))]
public sealed partial class AlertJson : JsonSerializerContext
{
    /// <summary>Serialises a lifecycle message to UTF-8 JSON.</summary>
    public static byte[] ToUtf8(AlertChange change) => JsonSerializer.SerializeToUtf8Bytes(change, Default.AlertChange);

    /// <summary>Serialises a snapshot to UTF-8 JSON.</summary>
    public static byte[] ToUtf8(AlertSnapshot snapshot) => JsonSerializer.SerializeToUtf8Bytes(snapshot, Default.AlertSnapshot);

    /// <summary>Reads a lifecycle message back.</summary>
    public static AlertChange? ChangeFromUtf8(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize(json, Default.AlertChange);

    /// <summary>Reads a snapshot back.</summary>
    public static AlertSnapshot? SnapshotFromUtf8(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize(json, Default.AlertSnapshot);
}
