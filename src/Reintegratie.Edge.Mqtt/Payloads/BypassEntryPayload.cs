namespace Reintegratie.Edge.Mqtt.Payloads;

/// <summary>One active bypass on the retained <c>…/bypass</c> topic (docs/schemas/bypass.json).</summary>
/// <param name="Zone">The bypassed zone id.</param>
/// <param name="Until">When it expires.</param>
/// <param name="AuthorisedBy">The approving key ids, in approval order.</param>
/// <param name="Reason">The signed reason.</param>
/// <param name="Since">When the bypass started.</param>
/// <param name="AlertId">The <c>zone_bypassed</c> alert that stands for it.</param>
internal sealed record BypassEntryPayload(string Zone, DateTimeOffset Until, IReadOnlyList<string> AuthorisedBy, string Reason, DateTimeOffset Since, string AlertId);
