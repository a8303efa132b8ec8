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
}
