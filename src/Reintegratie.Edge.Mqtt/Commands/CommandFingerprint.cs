using System.Globalization;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>
/// What a signed command asks for, as one text: verb, issue time and every signed field, times as UTC ticks. Two
/// deliveries with the same key, nonce and fingerprint are one command (a redelivery); the same nonce with another
/// fingerprint is a replay. Computed the same from a request and from a journaled command row (whose times the journal
/// rewrote), which the canonical signed bytes could not be.
/// </summary>
public static class CommandFingerprint
{
    /// <summary>The fingerprint of a parsed request.</summary>
    public static string Of(CommandRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Of(request.Verb, request.IssuedAt, request.AlertId, request.Operator, request.Note, request.Zone, request.Until, request.Reason);
    }

    /// <summary>The fingerprint of the given fields.</summary>
    public static string Of(CommandVerb verb, DateTimeOffset? issuedAt, string? alertId, string? op, string? note, string? zone, DateTimeOffset? until, string? reason) =>
        string.Join('\u001f', (string?[])[((int)verb).ToString(CultureInfo.InvariantCulture), Ticks(issuedAt), alertId, op, note, zone, Ticks(until), reason]);

    private static string? Ticks(DateTimeOffset? at) => at?.UtcTicks.ToString(CultureInfo.InvariantCulture);
}
