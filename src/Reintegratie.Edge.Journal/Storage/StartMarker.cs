using System.Buffers;
using System.Text.Json;

namespace Reintegratie.Edge.Journal.Storage;

/// <summary>
/// What the gateway did to fusion at a start, journaled as a <c>note</c> row of kind <see cref="Kind"/> before the
/// first event of that run: which alerts it continued (ids and revisions, in the order restored), where the alert-id
/// counter stood, and a digest of the site configuration it ran with. <c>edgectl replay</c> does the same to its
/// engine there, so a journal that spans restarts (clean stops, kills, power loss) replays as one.
/// </summary>
/// <param name="Restored">The alerts fusion continued, as it restored them.</param>
/// <param name="IdSeed">The alert-id generator's seed.</param>
/// <param name="IdCounter">Ids the generator had made when the run started (the next id uses this plus one).</param>
/// <param name="NextEventId">The first event id of the run.</param>
/// <param name="ConfigDigest">SHA-256 (lower hex) of the site snapshot (<c>site.json</c>) the run started with, or null.</param>
public sealed record StartMarker(IReadOnlyList<RestoredAlert> Restored, ulong IdSeed, ulong IdCounter, long NextEventId, string? ConfigDigest)
{
    /// <summary>Kind of the note row.</summary>
    public const string Kind = "start";

    /// <summary>SHA-256 (lower hex) of a site snapshot file (<c>site.json</c>): journaled at start, compared by replay.</summary>
    public static string DigestOf(string snapshotPath) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(snapshotPath)));

    /// <summary>The payload: <c>{"kind":"start","restored":[{"id","revision"}],"id_seed","id_counter","next_event_id","config_sha256"}</c>.</summary>
    public byte[] ToUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", Kind);
            json.WriteStartArray("restored");
            foreach (var alert in Restored)
            {
                json.WriteStartObject();
                json.WriteString("id", alert.Id);
                json.WriteNumber("revision", alert.Revision);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("id_seed", IdSeed);
            json.WriteNumber("id_counter", IdCounter);
            json.WriteNumber("next_event_id", NextEventId);
            json.WriteString("config_sha256", ConfigDigest);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a marker payload; false (and null) for a purged or malformed one.</summary>
    public static bool TryParse(string? payload, out StartMarker? marker)
    {
        marker = null;
        if (payload is null)
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            var restored = new List<RestoredAlert>();
            foreach (var a in root.GetProperty("restored").EnumerateArray())
            {
                restored.Add(new RestoredAlert(a.GetProperty("id").GetString() ?? string.Empty, a.GetProperty("revision").GetInt32()));
            }

            var digest = root.TryGetProperty("config_sha256", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            marker = new StartMarker(restored, root.GetProperty("id_seed").GetUInt64(), root.GetProperty("id_counter").GetUInt64(),
                root.GetProperty("next_event_id").GetInt64(), digest);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }
}
