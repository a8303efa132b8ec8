using System.Text;
using System.Text.Json;

namespace Reintegratie.Edge.Journal.Retention;

/// <summary>
/// The payload of a checkpoint row: <c>{"reason":"retention","rows":N,"kinds":{"handset":N},"cutoffs":{"handset":AT},
/// "purged":[[from,to],...]}</c>: every seq in each range had its payload dropped by this checkpoint.
/// </summary>
public static class CheckpointPayload
{
    /// <summary>Writes the payload as UTF-8 JSON.</summary>
    public static byte[] Write(IReadOnlyList<PurgedRange> ranges, IReadOnlyDictionary<string, int> kinds, IReadOnlyDictionary<string, string> cutoffs)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(cutoffs);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("reason", "retention");
            w.WriteNumber("rows", kinds.Values.Sum());
            w.WriteStartObject("kinds");
            foreach (var (k, n) in kinds.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(k, n);
            }

            w.WriteEndObject();
            w.WriteStartObject("cutoffs");
            foreach (var (k, at) in cutoffs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteString(k, at);
            }

            w.WriteEndObject();
            w.WriteStartArray("purged");
            foreach (var r in ranges)
            {
                w.WriteStartArray();
                w.WriteNumberValue(r.From);
                w.WriteNumberValue(r.To);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Reads a checkpoint; false (with a reason) when the payload is not a checkpoint payload.</summary>
    public static bool TryParse(string? payload, out Checkpoint checkpoint, out string reason)
    {
        checkpoint = new Checkpoint([], new Dictionary<string, string>());
        reason = string.Empty;
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetBytes(payload ?? string.Empty));
            if (!doc.RootElement.TryGetProperty("purged", out var purged) || purged.ValueKind != JsonValueKind.Array
                || !doc.RootElement.TryGetProperty("cutoffs", out var cutoffs) || cutoffs.ValueKind != JsonValueKind.Object)
            {
                reason = "expected a 'purged' array and a 'cutoffs' object";
                return false;
            }

            var list = new List<PurgedRange>();
            foreach (var item in purged.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != 2
                    || !item[0].TryGetInt64(out var from) || !item[1].TryGetInt64(out var to) || from > to || from < 1)
                {
                    reason = $"expected [from, to] with 1 <= from <= to but found {item.GetRawText()}";
                    return false;
                }

                list.Add(new PurgedRange(from, to));
            }

            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in cutoffs.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String || !Storage.JournalTime.TryParse(p.Value.GetString(), out _))
                {
                    reason = $"cutoff for '{p.Name}' is not a time";
                    return false;
                }

                map[p.Name] = p.Value.GetString()!;
            }

            checkpoint = new Checkpoint(list, map);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            reason = ex.Message;
            return false;
        }
    }
}
