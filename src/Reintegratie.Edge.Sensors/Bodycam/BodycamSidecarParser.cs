using System.Security.Cryptography;
using System.Text.Json;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Privacy;

namespace Reintegratie.Edge.Sensors.Bodycam;

/// <summary>
/// Parses one bodycam sidecar (schema: hardware/protocols/bodycam-metadata.md) with <see cref="Utf8JsonReader"/>.
/// The wearer id is pseudonymised the moment it is read; it never becomes a string. Reasons name the field and
/// what was expected, never a value.
/// </summary>
public static class BodycamSidecarParser
{
    /// <summary>Longest text field accepted (characters).</summary>
    public const int MaxText = 128;

    /// <summary>Longest recording accepted (a bodycam battery lasts well under a day).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    private const string IncompleteReason = "the file ends before the JSON object is complete";

    private static readonly JsonReaderState s_state = new(new JsonReaderOptions { MaxDepth = 8 });

    /// <summary>Parses a sidecar. <see cref="BodycamParseOutcome.Incomplete"/> means the JSON stops early (still being written?).</summary>
    public static BodycamParseOutcome TryParse(ReadOnlySpan<byte> json, Pseudonymiser pseudonymiser, out BodycamRecording? recording, out string reason)
    {
        ArgumentNullException.ThrowIfNull(pseudonymiser);
        recording = null;
        var fields = new BodycamSidecarFields();
        try
        {
            // isFinalBlock false: running out of data is reported by Read() returning false, not as a syntax error.
            var reader = new Utf8JsonReader(json, isFinalBlock: false, s_state);
            var outcome = ReadObject(ref reader, json, pseudonymiser, fields, out reason);
            if (outcome != BodycamParseOutcome.Valid)
            {
                return outcome;
            }
        }
        catch (JsonException)
        {
            reason = "the file is not valid JSON";
            return BodycamParseOutcome.Invalid;
        }
        catch (InvalidOperationException)
        {
            reason = "a field has the wrong JSON type";
            return BodycamParseOutcome.Invalid;
        }

        return fields.TryBuild(out recording, out reason) ? BodycamParseOutcome.Valid : BodycamParseOutcome.Invalid;
    }

    private static BodycamParseOutcome ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Pseudonymiser p, BodycamSidecarFields fields, out string reason)
    {
        reason = IncompleteReason;
        if (!reader.Read())
        {
            return BodycamParseOutcome.Incomplete; // empty or whitespace only: the writer has not started yet
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reason = "expected a JSON object";
            return BodycamParseOutcome.Invalid;
        }

        while (true)
        {
            if (!reader.Read())
            {
                reason = IncompleteReason;
                return BodycamParseOutcome.Incomplete;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var name = BodycamSidecarFields.Identify(ref reader);
            if (!reader.Read() || (name == BodycamSidecarFields.Unknown && !reader.TrySkip()))
            {
                reason = IncompleteReason;
                return BodycamParseOutcome.Incomplete;
            }

            if (name == BodycamSidecarFields.Unknown)
            {
                continue;
            }

            if (!fields.Read(name, ref reader, p, out reason))
            {
                return BodycamParseOutcome.Invalid;
            }
        }

        if (!json[(int)reader.BytesConsumed..].Trim(" \t\r\n"u8).IsEmpty)
        {
            reason = "unexpected data after the JSON object";
            return BodycamParseOutcome.Invalid;
        }

        reason = string.Empty;
        return BodycamParseOutcome.Valid;
    }

    /// <summary>Pseudonymises a wearer id: trimmed, ASCII letters upper-cased (so "p123456" and "P123456" are one wearer).</summary>
    internal static bool TryPseudonymiseWearer(ref Utf8JsonReader reader, Pseudonymiser p, out Pseudonym pseudonym)
    {
        pseudonym = default;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxText * 6)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[MaxText * 6];
        try
        {
            var n = reader.CopyString(buffer);
            var id = buffer[..n].Trim(" \t"u8);
            if (id.IsEmpty || id.Length > MaxText)
            {
                return false;
            }

            for (var i = 0; i < id.Length; i++)
            {
                if (id[i] < 0x20 || id[i] == 0x7F)
                {
                    return false;
                }

                if (id[i] is >= (byte)'a' and <= (byte)'z')
                {
                    id[i] -= 0x20;
                }
            }

            p.Pseudonymise(IdentifierKind.Wearer, id, ref pseudonym);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }
}
