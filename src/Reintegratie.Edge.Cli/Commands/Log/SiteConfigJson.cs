using System.Text.Json;
using System.Text.Json.Serialization;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>
/// Reads a configuration file's <c>Site</c> section as .NET configuration would: names in any case, enums by name,
/// numbers written as strings, comments and trailing commas allowed. Source-generated (edgectl ships as NativeAOT).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SiteOptions))]
internal sealed partial class SiteConfigJson : JsonSerializerContext;
