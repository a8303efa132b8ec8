using System.Globalization;
using Reintegratie.Edge.Journal.Reading;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>Writes journal rows as an aligned table, JSON lines or CSV.</summary>
public static class RowFormatter
{
    private static readonly string[] s_csvHeader = ["seq", "at", "type", "kind", "zone", "sensor", "event_id", "alert_id", "revision", "severity", "payload", "payload_digest", "prev_hash", "hash"];

    /// <summary>The table header line.</summary>
    public static string TableHeader =>
        $"{"SEQ",8}  {"AT (UTC)",-27}  {"TYPE",-10}  {"KIND",-26}  {"ZONE",-8}  {"SENSOR",-10}  {"ALERT",-26}  {"REV",3}  {"SEVERITY",-8}  PAYLOAD";

    /// <summary>One aligned table line (payload shortened to fit).</summary>
    public static string TableLine(JournalRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var payload = row.Payload is null ? "(purged by retention)"
            : row.Payload.Length > 80 ? string.Concat(row.Payload.AsSpan(0, 77), "...") : row.Payload;
        return string.Create(CultureInfo.InvariantCulture,
            $"{row.Seq,8}  {row.At,-27}  {row.Type,-10}  {Cut(row.Kind, 26),-26}  {Cut(row.Zone, 8),-8}  {Cut(row.Sensor, 10),-10}  {Cut(row.AlertId, 26),-26}  {row.Revision?.ToString(CultureInfo.InvariantCulture) ?? "-",3}  {row.Severity ?? "-",-8}  {payload}");
    }

    /// <summary>One JSON object (one line): every column, the payload embedded as JSON, hashes as hex.</summary>
    public static string JsonLine(JournalRow row) => JournalRowJson.ToJsonLine(row);

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
            row.Severity, row.Payload, Convert.ToHexStringLower(row.PayloadDigest), Convert.ToHexStringLower(row.PrevHash), Convert.ToHexStringLower(row.Hash),
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
}
