using System.Text.Json;
using Reintegratie.Edge.Hub.Ingest;

namespace Reintegratie.Edge.Hub.Storage;

/// <summary>
/// A retained gateway document kept as current state (one row per gateway) plus the history of every distinct version.
/// A gateway republishes its retained state after each reconnect and on <c>resync</c>, and the broker may redeliver:
/// the same document again changes nothing.
/// </summary>
internal static class RetainedDocument
{
    /// <summary>Stores <paramref name="body"/> in <paramref name="table"/> and <paramref name="history"/>; false (nothing written) when it equals the one held.</summary>
    /// <remarks>Both table names are constants of the writers (never input); both have (site, gateway, body, received_at).</remarks>
    public static async Task<bool> StoreIfChangedAsync(IngestStore.Db db, string table, string history, TopicAddress at, JsonElement body)
    {
        var same = (bool?)await db.Scalar($"SELECT body = $3 FROM {table} WHERE site = $1 AND gateway = $2 FOR UPDATE", at.Site, at.Gateway, body)
            .ConfigureAwait(false);
        if (same == true)
        {
            return false;
        }

        await db.Execute(
            $"""
            INSERT INTO {table} (site, gateway, body, received_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (site, gateway) DO UPDATE SET body = EXCLUDED.body, received_at = EXCLUDED.received_at
            """,
            at.Site, at.Gateway, body, db.Now).ConfigureAwait(false);
        await db.Execute($"INSERT INTO {history} (site, gateway, body, received_at) VALUES ($1, $2, $3, $4)", at.Site, at.Gateway, body, db.Now)
            .ConfigureAwait(false);
        return true;
    }
}
