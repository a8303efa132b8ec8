using System.Text.Json.Serialization;
using Reintegratie.Edge.Hub.Reporting;

namespace Reintegratie.Edge.Cli.Commands.Hub;

/// <summary>The JSON of <c>edgectl hub query --format jsonl</c> and <c>hub report --format json</c>: snake_case, source-generated.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HubAlertRow))]
[JsonSerializable(typeof(HubReportJson))]
[JsonSerializable(typeof(HubBypassRow))]
internal sealed partial class HubJson : JsonSerializerContext;

/// <summary>The document <c>hub report --format json</c> prints: the period and its rows and the maintenance bypasses.</summary>
internal sealed record HubReportJson(string Period, List<HubReportRow> Rows, List<HubBypassSummaryRow> Bypasses);
