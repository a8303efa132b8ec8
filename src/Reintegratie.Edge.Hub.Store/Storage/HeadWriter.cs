using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reintegratie.Edge.Hub.Ingest;

namespace Reintegratie.Edge.Hub.Storage;

/// <summary>
/// Archives every distinct journal head per gateway and checks that it extends the previous one. A head extends the
/// tip when its sequence is higher, or equal with the same hash (the periodic republication). A lower sequence, or
/// the same sequence with another hash, is what a replaced or rolled-back journal looks like from outside: the head is
/// archived, marked, and a <c>journal_discontinuity</c> alert raised; the tip then follows the new chain, so one swap
/// raises one alert. A broker redelivery of a head already archived is not a discontinuity (the queue keeps order, so
/// only redeliveries can arrive behind a head applied before).
/// </summary>
internal static class HeadWriter
{
    public static async Task<IngestOutcome> ApplyAsync(IngestStore.Db db, TopicAddress at, JsonElement head, bool redelivered)
    {
        var seq = head.Field("seq").GetInt64();
        var hash = head.Field("hash").GetString() ?? string.Empty;
        if (seq < 0 || hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            throw new FormatException("seq must be >= 0 and hash 64 lower-case hex digits");
        }

        var headAt = AlertWriter.Time(head, "at");
        var tip = await db.Tip("SELECT seq, hash FROM journal_tips WHERE site = $1 AND gateway = $2 FOR UPDATE", at.Site, at.Gateway).ConfigureAwait(false);
        var known = await db.Execute(
            "UPDATE journal_heads SET times_seen = times_seen + 1 WHERE site = $1 AND gateway = $2 AND seq = $3 AND hash = $4",
            at.Site, at.Gateway, seq, hash).ConfigureAwait(false) > 0;
        var extends = tip is null || seq > tip.Value.Seq || (seq == tip.Value.Seq && hash == tip.Value.Hash);
        if (!extends && redelivered && known)
        {
            return IngestOutcome.Duplicate;
        }

        if (!known)
        {
            await db.Execute(
                "INSERT INTO journal_heads (site, gateway, seq, hash, at, received_at, discontinuity) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                at.Site, at.Gateway, seq, hash, headAt, db.Now, !extends).ConfigureAwait(false);
        }

        await db.Execute(
            """
            INSERT INTO journal_tips (site, gateway, seq, hash) VALUES ($1, $2, $3, $4)
            ON CONFLICT (site, gateway) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash
            """,
            at.Site, at.Gateway, seq, hash).ConfigureAwait(false);
        if (extends)
        {
            return known ? IngestOutcome.Duplicate : IngestOutcome.Applied;
        }

        await RaiseAsync(db, at, tip!.Value, seq, hash).ConfigureAwait(false);
        return IngestOutcome.Discontinuity;
    }

    private static Task<int> RaiseAsync(IngestStore.Db db, TopicAddress at, (long Seq, string Hash) previous, long seq, string hash)
    {
        var id = "hub-jd-" + Guid.CreateVersion7(db.Now).ToString("N", CultureInfo.InvariantCulture);
        var detail = seq < previous.Seq
            ? $"volgnummer ging terug van {previous.Seq} naar {seq}"
            : $"volgnummer {seq} met een andere hash ({hash[..12]}… in plaats van {previous.Hash[..12]}…)";
        var title = $"Journaalketen onderbroken bij {at.Site}/{at.Gateway}: {detail}";
        var body = JsonSerializer.SerializeToElement(new JsonObject
        {
            ["id"] = id, ["revision"] = 1, ["kind"] = "journal_discontinuity", ["severity"] = "critical", ["title"] = title,
            ["zones"] = new JsonArray(), ["first_seen"] = db.Now, ["last_seen"] = db.Now, ["ended_at"] = null,
            ["detail"] = detail, ["previous"] = new JsonObject { ["seq"] = previous.Seq, ["hash"] = previous.Hash },
            ["head"] = new JsonObject { ["seq"] = seq, ["hash"] = hash },
        }, HubStoreJson.Default.JsonObject);
        return db.Execute(
            """
            INSERT INTO alerts (alert_id, revision, site, gateway, source, kind, severity, title, zones, first_seen, last_seen, body, updated_at)
            VALUES ($1, 1, $2, $3, 'hub', 'journal_discontinuity', 'critical', $4, '{}', $5, $5, $6, $5)
            """,
            id, at.Site, at.Gateway, title, db.Now, body);
    }
}
