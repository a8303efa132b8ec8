using System.Text.Json;
using Reintegratie.Edge.Hub.Ingest;

namespace Reintegratie.Edge.Hub.Storage;

/// <summary>
/// The retained <c>…/bypass</c> list (docs/MQTT.md "bypass", docs/schemas/bypass.json) as current state plus history:
/// the list as published, every distinct list in arrival order, and one <c>bypasses</c> row per bypass (its
/// <c>zone_bypassed</c> alert id) that is current while listed and ended when a later list no longer holds it. The same
/// list again (a reconnect or <c>resync</c> republication, a broker redelivery) changes nothing.
/// </summary>
internal static class BypassWriter
{
    public static async Task<IngestOutcome> ApplyAsync(IngestStore.Db db, TopicAddress at, JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"expected a JSON array, got {list.ValueKind}");
        }

        var entries = list.EnumerateArray().Select(Entry).ToList();
        if (entries.Select(e => e.AlertId).Distinct(StringComparer.Ordinal).Count() != entries.Count)
        {
            throw new FormatException("alert_id: the same bypass is listed twice");
        }

        if (!await RetainedDocument.StoreIfChangedAsync(db, "bypass_lists", "bypass_list_history", at, list).ConfigureAwait(false))
        {
            return IngestOutcome.Duplicate;
        }

        foreach (var e in entries)
        {
            // A renewal keeps the alert id and moves `until` (docs/MQTT.md "Bypass policy").
            await db.Execute(
                """
                INSERT INTO bypasses (site, gateway, alert_id, zone, reason, authorised_by, since, until, first_listed, last_listed)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
                ON CONFLICT (site, gateway, alert_id) DO UPDATE SET
                    renewals = bypasses.renewals + (EXCLUDED.until > bypasses.until)::int, until = EXCLUDED.until, zone = EXCLUDED.zone,
                    reason = EXCLUDED.reason, authorised_by = EXCLUDED.authorised_by, last_listed = EXCLUDED.last_listed, ended_at = NULL
                """,
                at.Site, at.Gateway, e.AlertId, e.Zone, e.Reason, e.AuthorisedBy, e.Since, e.Until, db.Now).ConfigureAwait(false);
        }

        await db.Execute(
            "UPDATE bypasses SET ended_at = $4 WHERE site = $1 AND gateway = $2 AND ended_at IS NULL AND NOT (alert_id = ANY($3))",
            at.Site, at.Gateway, entries.Select(e => e.AlertId).ToArray(), db.Now).ConfigureAwait(false);
        return IngestOutcome.Applied;
    }

    private static BypassEntry Entry(JsonElement e)
    {
        var by = e.Field("authorised_by");
        if (by.ValueKind != JsonValueKind.Array || by.GetArrayLength() is < 1 or > 16)
        {
            throw new FormatException("authorised_by: expected an array of 1..16 key ids");
        }

        var reason = e.Field("reason").GetString() ?? throw new FormatException("reason: expected a string");
        return new BypassEntry(
            AlertWriter.Text(e, "alert_id"), AlertWriter.Text(e, "zone"), reason.Length <= 1024 ? reason : throw new FormatException("reason: at most 1024 characters"),
            by.EnumerateArray().Select(k => k.GetString() is { Length: > 0 and <= 64 } s ? s : throw new FormatException("authorised_by: key ids of 1..64 characters")).ToArray(),
            AlertWriter.Time(e, "since"), AlertWriter.Time(e, "until"));
    }

    private sealed record BypassEntry(string AlertId, string Zone, string Reason, string[] AuthorisedBy, DateTimeOffset Since, DateTimeOffset Until);
}
