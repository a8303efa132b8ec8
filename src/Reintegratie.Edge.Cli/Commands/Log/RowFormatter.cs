using System.Globalization;
using System.Text;
using System.Text.Json;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>Writes journal rows as an aligned table, JSON lines or CSV.</summary>
public static class RowFormatter
{
    private static readonly string[] s_csvHeader = ["seq", "at", "type", "kind", "zone", "sensor", "event_id", "alert_id", "revision", "severity", "payload", "prev_hash", "hash"];

    /// <summary>The table header line.</summary>
    public static string TableHeader =>
        $"{"SEQ",8}  {"AT (UTC)",-27}  {"TYPE",-10}  {"KIND",-26}  {"ZONE",-8}  {"SENSOR",-10}  {"ALERT",-26}  {"REV",3}  {"SEVERITY",-8}  PAYLOAD";

    /// <summary>One aligned table line (payload shortened to fit).</summary>
    public static string TableLine(JournalRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var payload = row.Payload.Length > 80 ? string.Concat(row.Payload.AsSpan(0, 77), "...") : row.Payload;
        return string.Create(CultureInfo.InvariantCulture,
            $"{row.Seq,8}  {row.At,-27}  {row.Type,-10}  {Cut(row.Kind, 26),-26}  {Cut(row.Zone, 8),-8}  {Cut(row.Sensor, 10),-10}  {Cut(row.AlertId, 26),-26}  {row.Revision?.ToString(CultureInfo.InvariantCulture) ?? "-",3}  {row.Severity ?? "-",-8}  {payload}");
    }

    /// <summary>One JSON object (one line): every column, the payload embedded as JSON, hashes as hex.</summary>
    public static string JsonLine(JournalRow row)
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
            w.WritePropertyName("payload");
            w.WriteRawValue(row.Payload, skipInputValidation: false);
            w.WriteString("prev_hash", Convert.ToHexStringLower(row.PrevHash));
            w.WriteString("hash", Convert.ToHexStringLower(row.Hash));
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The CSV header line.</summary>
    public static string CsvHeader => string.Join(',', s_csvHeader);

    /// <summary>One CSV line (RFC 4180 quoting).</summary>
    public static string CsvLine(JournalRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string?[] values =
        [
            row.Seq.ToString(CultureInfo.InvariantCulture), row.At, row.Type, row.Kind, row.Zone, row.Sensor,
            row.EventId?.ToString(CultureInfo.InvariantCulture), row.AlertId, row.Revision?.ToString(CultureInfo.InvariantCulture),
            row.Severity, row.Payload, Convert.ToHexStringLower(row.PrevHash), Convert.ToHexStringLower(row.Hash),
        ];
        return string.Join(',', values.Select(Csv));
    }

    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string Cut(string? value, int width) =>
        value is null ? "-" : value.Length <= width ? value : string.Concat(value.AsSpan(0, width - 1), "~");

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
