using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Reintegratie.Edge.Hub.Storage;

/// <summary>System.Text.Json source generation for the JSON the store writes itself (edgectl links this assembly and ships as NativeAOT).</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class HubStoreJson : JsonSerializerContext;
