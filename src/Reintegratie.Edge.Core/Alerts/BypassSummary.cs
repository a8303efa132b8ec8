namespace Reintegratie.Edge.Core.Alerts;

/// <summary>The bypass a <c>zone_bypassed</c> alert stands for.</summary>
/// <param name="Until">When the bypass expires.</param>
/// <param name="AuthorisedBy">The key ids that approved it (two under the two-person rule), in approval order.</param>
/// <param name="Reason">The reason the keys signed.</param>
public sealed record BypassSummary(DateTimeOffset Until, IReadOnlyList<string> AuthorisedBy, string Reason);
