using System.Text.Json;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>
/// Validates a command payload (UTF-8 JSON object) for a verb. Never throws on bad input: returns false with a
/// reason that names the field (<c>alert_id: required string is missing</c>).
/// </summary>
public static class CommandParser
{
    /// <summary>Largest payload accepted.</summary>
    public const int MaxPayloadBytes = 16 * 1024;

    private const int MaxFieldLength = 1024;

    /// <summary>Maps a topic verb to <see cref="CommandVerb"/>.</summary>
    public static bool TryParseVerb(string verb, out CommandVerb result)
    {
        switch (verb)
        {
            case "ack":
                result = CommandVerb.Ack;
                return true;
            case "bypass":
                result = CommandVerb.Bypass;
                return true;
            case "resync":
                result = CommandVerb.Resync;
                return true;
            default:
                result = default;
                return false;
        }
    }

    /// <summary>Parses and validates a request.</summary>
    public static bool TryParse(string verb, ReadOnlySpan<byte> payload, out CommandRequest? request, out string error)
    {
        request = null;
        if (!TryParseVerb(verb, out var v))
        {
            error = $"verb: unknown verb '{Truncate(verb)}' (expected ack, bypass or resync)";
            return false;
        }

        if (payload.Length > MaxPayloadBytes)
        {
            error = $"payload: {payload.Length} bytes is more than the {MaxPayloadBytes} allowed";
            return false;
        }

        if (payload.IsEmpty && v == CommandVerb.Resync)
        {
            request = new CommandRequest { Verb = v };
            error = string.Empty;
            return true;
        }

        try
        {
            using var doc = JsonDocument.Parse(payload.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"payload: expected a JSON object but got {doc.RootElement.ValueKind}";
                return false;
            }

            return TryRead(v, doc.RootElement, out request, out error);
        }
        catch (JsonException ex)
        {
            error = $"payload: invalid JSON ({ex.Message})";
            return false;
        }
    }

    /// <summary>
    /// Reads just <c>reply_to</c> and <c>correlation_id</c> from a payload that failed validation, so a 3.1.1 requester
    /// still gets its error reply. Nulls when the payload is not a JSON object.
    /// </summary>
    public static void TryReadReplyFields(ReadOnlySpan<byte> payload, out string? replyTo, out string? correlationId)
    {
        replyTo = null;
        correlationId = null;
        if (payload.IsEmpty || payload.Length > MaxPayloadBytes)
        {
            return;
        }

        try
        {
            using var doc = JsonDocument.Parse(payload.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            replyTo = StringOrNull(doc.RootElement, "reply_to");
            correlationId = StringOrNull(doc.RootElement, "correlation_id");
        }
        catch (JsonException)
        {
            // Not JSON: nothing to read.
        }
    }

    private static string? StringOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String && e.GetString()!.Length <= MaxFieldLength ? e.GetString() : null;

    private static bool TryRead(CommandVerb verb, JsonElement root, out CommandRequest? request, out string error)
    {
        request = null;
        var fields = new FieldReader(root);
        var correlation = fields.Optional("correlation_id");
        var replyTo = fields.Optional("reply_to");
        var keyId = fields.Optional("key_id");
        var issuedAtText = fields.Optional("issued_at");
        var issuedAt = issuedAtText is null ? null : fields.RequiredTime("issued_at");
        var nonce = fields.Optional("nonce");
        var signature = fields.Optional("signature");
        switch (verb)
        {
            case CommandVerb.Ack:
                var alertId = fields.Required("alert_id");
                var op = fields.Optional("operator");
                var note = fields.Optional("note");
                if (fields.Error is not null)
                {
                    break;
                }

                request = new CommandRequest { Verb = verb, AlertId = alertId, Operator = op, Note = note };
                break;
            case CommandVerb.Bypass:
                var zone = fields.Required("zone");
                var until = fields.RequiredTime("until");
                var reason = fields.Required("reason");
                if (fields.Error is not null)
                {
                    break;
                }

                request = new CommandRequest { Verb = verb, Zone = zone, Until = until, UntilText = fields.Optional("until"), Reason = reason };
                break;
            default:
                request = fields.Error is null ? new CommandRequest { Verb = verb } : null;
                break;
        }

        if (request is null || fields.Error is not null)
        {
            request = null;
            error = fields.Error ?? "payload: invalid";
            return false;
        }

        request = request with
        {
            CorrelationId = correlation, ReplyTo = replyTo, KeyId = keyId, IssuedAt = issuedAt, IssuedAtText = issuedAtText, Nonce = nonce, Signature = signature,
        };
        error = string.Empty;
        return true;
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "...";

    /// <summary>Reads fields, keeping the first error.</summary>
    private sealed class FieldReader(JsonElement root)
    {
        public string? Error { get; private set; }

        public string? Required(string name)
        {
            var value = Optional(name);
            if (Error is null && string.IsNullOrWhiteSpace(value))
            {
                Error = root.TryGetProperty(name, out _)
                    ? $"{name}: must not be empty"
                    : $"{name}: required string is missing";
            }

            return value;
        }

        public string? Optional(string name)
        {
            if (Error is not null || !root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (e.ValueKind != JsonValueKind.String)
            {
                Error = $"{name}: expected a string but got {e.ValueKind}";
                return null;
            }

            var s = e.GetString()!;
            if (s.Length > MaxFieldLength)
            {
                Error = $"{name}: longer than {MaxFieldLength} characters";
                return null;
            }

            return s;
        }

        public DateTimeOffset? RequiredTime(string name)
        {
            var text = Required(name);
            if (Error is not null || text is null)
            {
                return null;
            }

            // ISO-8601 extended format with an explicit offset: a time without one is ambiguous on a gateway in UTC.
            if (!root.GetProperty(name).TryGetDateTimeOffset(out var value) || !HasOffset(text))
            {
                Error = $"{name}: expected an ISO-8601 time with offset (e.g. 2025-05-01T18:00:00Z) but got '{Truncate(text)}'";
                return null;
            }

            return value;
        }

        private static bool HasOffset(string text)
        {
            var t = text.IndexOf('T', StringComparison.Ordinal);
            return t > 0 && text.AsSpan(t).IndexOfAny("Z+-") > 0;
        }
    }
}
