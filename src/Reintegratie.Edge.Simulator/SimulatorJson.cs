using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Reintegratie.Edge.Simulator;

/// <summary>
/// System.Text.Json source generation for the simulator (no reflection serializer, so NativeAOT keeps it): scenario files
/// read with comments and trailing commas, and the argument objects the profiles generate.
/// </summary>
[JsonSourceGenerationOptions(ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(Scenario))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class SimulatorJson : JsonSerializerContext;
