using System.Text.Json;
using Reintegratie.Edge.Hub.Ingest;

namespace Reintegratie.Edge.Hub.Storage;

/// <summary>
/// Takes, at the start of a batch's transaction, one transaction-scoped advisory lock per alert id the batch will write,
/// in one fixed order (ascending hash), so two batches that touch the same <c>alerts</c> rows wait for each other
/// instead of deadlocking. The lifecycle queue writes alerts in the gateways' publish order and the state queue
/// writes them in active-list order; consumed by two transactions at once (one hub instance per queue, or one instance's
/// two queues), the same two alerts were locked in opposite orders and PostgreSQL aborted one batch with 40P01. Row
/// locks cannot be ordered up front for alerts not yet inserted; advisory locks on the id can.
/// </summary>
internal static class AlertLockOrder
{
    /// <summary>Advisory lock class (the first key of the two-key form), so these never meet another lock user's keys.</summary>
    public const int LockClass = 1919;

    // DISTINCT keeps the planner from pulling the subquery up: the locks are taken in the subquery's sorted order.
    private const string LockSql = """
        SELECT count(pg_advisory_xact_lock($1, k)) FROM (SELECT DISTINCT hashtext(id) AS k FROM unnest($2::text[]) AS id ORDER BY k) AS ordered
        """;

    /// <summary>Locks every alert id <paramref name="batch"/> writes; returns how many ids.</summary>
    public static async Task<int> LockAsync(IngestStore.Db db, IReadOnlyList<IngestMessage> batch, RoutingKeys keys)
    {
        var ids = IdsOf(batch, keys);
        if (ids.Count > 0)
        {
            await db.Scalar(LockSql, LockClass, ids.ToArray()).ConfigureAwait(false);
        }

        return ids.Count;
    }

    /// <summary>The alert ids of lifecycle messages and active lists; malformed messages are skipped here (the writers reject them).</summary>
    public static HashSet<string> IdsOf(IReadOnlyList<IngestMessage> batch, RoutingKeys keys)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in batch)
        {
            if (!keys.TryParse(message.RoutingKey, out var address, out _) || address.Kind is not (TopicKind.Alerts or TopicKind.ActiveAlerts))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(message.Body);
                var root = json.RootElement;
                if (address.Kind == TopicKind.Alerts)
                {
                    Add(ids, root.TryGetProperty("after", out var after) ? after : default);
                }
                else if (root.ValueKind == JsonValueKind.Array)
                {
                    foreach (var snapshot in root.EnumerateArray())
                    {
                        Add(ids, snapshot);
                    }
                }
            }
            catch (JsonException)
            {
                // Rejected by the writer; nothing to lock.
            }
        }

        return ids;
    }

    private static void Add(HashSet<string> ids, JsonElement snapshot)
    {
        if (snapshot.ValueKind == JsonValueKind.Object && snapshot.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && id.GetString() is { Length: > 0 } s)
        {
            ids.Add(s);
        }
    }
}
