using System.Text;
using System.Text.Json;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Reading;

/// <summary>The export form of a row: one JSON object with every column, the payload embedded as JSON, hashes as hex.</summary>
public static class JournalRowJson
{
    /// <summary>One JSON object on one line.</summary>
    public static string ToJsonLine(JournalRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("seq", row.Seq);
            w.WriteString("at", row.At);
            w.WriteString("type", row.Type);
            WriteOptional(w, "kind", row.Kind);
            WriteOptional(w, "zone", row.Zone);
            WriteOptional(w, "sensor", row.Sensor);
            if (row.EventId is { } e)
            {
                w.WriteNumber("event_id", e);
            }
            else
            {
                w.WriteNull("event_id");
            }

            WriteOptional(w, "alert_id", row.AlertId);
            if (row.Revision is { } r)
            {
                w.WriteNumber("revision", r);
            }
            else
            {
                w.WriteNull("revision");
            }

            WriteOptional(w, "severity", row.Severity);
            if (row.Payload is null)
            {
                w.WriteNull("payload"); // purged by retention: the digest below still proves what it was
            }
            else
            {
                w.WritePropertyName("payload");
                w.WriteRawValue(row.Payload, skipInputValidation: false);
            }

            w.WriteString("payload_digest", Convert.ToHexStringLower(row.PayloadDigest));
            w.WriteString("prev_hash", Convert.ToHexStringLower(row.PrevHash));
            w.WriteString("hash", Convert.ToHexStringLower(row.Hash));
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
