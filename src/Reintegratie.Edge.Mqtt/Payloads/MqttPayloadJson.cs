using System.Text.Json.Serialization;

namespace Reintegratie.Edge.Mqtt.Payloads;

/// <summary>Source-generated JSON for the gateway's own payloads: snake_case, nulls written, no reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(StatusPayload))]
[JsonSerializable(typeof(SensorHealthPayload))]
[JsonSerializable(typeof(JournalHeadPayload))]
[JsonSerializable(typeof(CommandResponsePayload))]
[JsonSerializable(typeof(List<BypassEntryPayload>))]
[JsonSerializable(typeof(SiteMapPayload))]
internal sealed partial class MqttPayloadJson : JsonSerializerContext
{
}
