using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Reading;

/// <summary>The nonces of journaled commands (accepted or refused with a key id), so a restart does not forget them.</summary>
public static class CommandNonces
{
    /// <summary>Key id, nonce and issue time of every command row at or after <paramref name="since"/> that carries them.</summary>
    public static IReadOnlyList<(string KeyId, string Nonce, DateTimeOffset IssuedAt)> Since(string path, DateTimeOffset since)
    {
        using var connection = JournalDatabase.OpenReadOnly(path);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT json_extract(payload, '$.key_id'), json_extract(payload, '$.nonce'), json_extract(payload, '$.issued_at')
            FROM journal WHERE type = 'command' AND at >= $since AND payload IS NOT NULL
              AND json_extract(payload, '$.nonce') IS NOT NULL AND json_extract(payload, '$.key_id') IS NOT NULL;
            """;
        command.Parameters.AddWithValue("$since", JournalTime.ToText(since));
        using var reader = command.ExecuteReader();
        var list = new List<(string, string, DateTimeOffset)>();
        while (reader.Read())
        {
            if (!reader.IsDBNull(2) && JournalTime.TryParse(reader.GetString(2), out var issued))
            {
                list.Add((reader.GetString(0), reader.GetString(1), issued));
            }
        }

        return list;
    }

    /// <summary>
    /// Every command row at or after <paramref name="since"/> that was accepted (signed, not refused), with fusion's
    /// <c>command_result</c> note for it (same event id, committed in the same transaction).
    /// </summary>
    public static IReadOnlyList<JournaledCommand> Applied(string path, DateTimeOffset since)
    {
        using var connection = JournalDatabase.OpenReadOnly(path);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.payload, n.payload
            FROM journal c LEFT JOIN journal n ON n.type = 'note' AND n.kind = 'command_result' AND n.event_id = c.event_id
            WHERE c.type = 'command' AND c.at >= $since AND c.payload IS NOT NULL
              AND json_extract(c.payload, '$.refusal') IS NULL AND json_extract(c.payload, '$.nonce') IS NOT NULL
              AND json_extract(c.payload, '$.key_id') IS NOT NULL AND json_extract(c.payload, '$.issued_at') IS NOT NULL
            ORDER BY c.seq;
            """;
        command.Parameters.AddWithValue("$since", JournalTime.ToText(since));
        using var reader = command.ExecuteReader();
        var list = new List<JournaledCommand>();
        while (reader.Read())
        {
            using var c = System.Text.Json.JsonDocument.Parse(reader.GetString(0));
            using var n = reader.IsDBNull(1) ? null : System.Text.Json.JsonDocument.Parse(reader.GetString(1));
            var p = c.RootElement;
            string? Text(string name) => p.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
            DateTimeOffset? Time(string name) => Text(name) is { } t && JournalTime.TryParse(t, out var at) ? at : null;
            list.Add(new JournaledCommand(Text("key_id")!, Text("nonce")!, Time("issued_at")!.Value, Text("verb") ?? string.Empty, Text("alert_id"),
                Text("operator"), Text("note"), Text("zone"), Time("until"), Text("reason"),
                n?.RootElement.GetProperty("detail").GetString(), n is null ? null : NoteAlertId(n.RootElement)));
        }

        return list;
    }

    private static string? NoteAlertId(System.Text.Json.JsonElement note) =>
        note.TryGetProperty("alert_id", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
}

/// <summary>An accepted command as journaled, with fusion's answer (the <c>command_result</c> note's detail), if any.</summary>
public sealed record JournaledCommand(string KeyId, string Nonce, DateTimeOffset IssuedAt, string Verb, string? AlertId, string? Operator,
    string? Note, string? Zone, DateTimeOffset? Until, string? Reason, string? ResultDetail, string? ResultAlertId);
