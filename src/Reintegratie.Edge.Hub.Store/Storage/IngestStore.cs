using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Reintegratie.Edge.Hub.Ingest;

namespace Reintegratie.Edge.Hub.Storage;

/// <summary>
/// Applies a batch of gateway messages to PostgreSQL in one transaction: alert revisions idempotent on (alert id,
/// revision) and never applied over a newer one; status and sensor health as current state plus history; every distinct
/// journal head archived, with <c>journal_discontinuity</c> raised for a head that does not extend the previous one.
/// The caller acknowledges the deliveries only after <see cref="ApplyAsync"/> returns (the commit).
/// </summary>
public sealed class IngestStore(NpgsqlDataSource dataSource, RoutingKeys keys, TimeProvider time)
{
    /// <summary>PostgreSQL NOTIFY channel the console listens on; the payload is the site that changed.</summary>
    public const string ChangeChannel = "hub_changes";

    /// <summary>Applies the batch; returns one outcome per message, in order. Throws (and commits nothing) on a database error.</summary>
    public async Task<IngestOutcome[]> ApplyAsync(IReadOnlyList<IngestMessage> batch, CancellationToken ct)
    {
        var outcomes = new IngestOutcome[batch.Count];
        var sites = new HashSet<string>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var db = new Db(connection, tx, now, ct);
        await AlertLockOrder.LockAsync(db, batch, keys).ConfigureAwait(false);
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            if (!keys.TryParse(message.RoutingKey, out var address, out var reason))
            {
                outcomes[i] = await Reject(db, message, reason).ConfigureAwait(false);
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(message.Body);
                outcomes[i] = address.Kind switch
                {
                    TopicKind.Alerts => await AlertWriter.ApplyLifecycleAsync(db, address, json.RootElement).ConfigureAwait(false),
                    TopicKind.ActiveAlerts => await AlertWriter.ApplyActiveListAsync(db, address, json.RootElement).ConfigureAwait(false),
                    TopicKind.Status => await StateWriter.ApplyStatusAsync(db, address, json.RootElement).ConfigureAwait(false),
                    TopicKind.Sensor => await StateWriter.ApplySensorAsync(db, address, json.RootElement).ConfigureAwait(false),
                    TopicKind.JournalHead => await HeadWriter.ApplyAsync(db, address, json.RootElement, message.Redelivered).ConfigureAwait(false),
                    TopicKind.Bypass => await BypassWriter.ApplyAsync(db, address, json.RootElement).ConfigureAwait(false),
                    TopicKind.SiteMap => await SiteMapWriter.ApplyAsync(db, address, json.RootElement).ConfigureAwait(false),
                    _ => throw new InvalidOperationException($"no writer for {address.Kind}"),
                };
                if (outcomes[i] is IngestOutcome.Applied or IngestOutcome.Discontinuity)
                {
                    sites.Add(address.Site);
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                outcomes[i] = await Reject(db, message, $"{address.Kind}: {ex.Message}").ConfigureAwait(false);
            }
        }

        foreach (var site in sites)
        {
            await db.Execute("SELECT pg_notify($1, $2)", ChangeChannel, site).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return outcomes;
    }

    private static async Task<IngestOutcome> Reject(Db db, IngestMessage message, string reason)
    {
        var hex = Convert.ToHexString(message.Body.AsSpan(0, Math.Min(message.Body.Length, 256)));
        await db.Execute(
            "INSERT INTO rejected_messages (routing_key, reason, body_hex, received_at) VALUES ($1, $2, $3, $4)",
            message.RoutingKey[..Math.Min(message.RoutingKey.Length, 512)], reason[..Math.Min(reason.Length, 1024)], hex, db.Now).ConfigureAwait(false);
        return IngestOutcome.Rejected;
    }

    /// <summary>One open transaction and the batch's clock.</summary>
    internal sealed class Db(NpgsqlConnection connection, NpgsqlTransaction tx, DateTimeOffset now, CancellationToken ct)
    {
        public DateTimeOffset Now { get; } = now;

        public async Task<int> Execute(string sql, params object?[] args)
        {
            await using var command = Command(sql, args);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        public async Task<object?> Scalar(string sql, params object?[] args)
        {
            await using var command = Command(sql, args);
            var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }

        public async Task<(long Seq, string Hash)?> Tip(string sql, params object?[] args)
        {
            await using var command = Command(sql, args);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? (reader.GetInt64(0), reader.GetString(1)) : null;
        }

        private NpgsqlCommand Command(string sql, object?[] args)
        {
            var command = new NpgsqlCommand(sql, connection, tx);
            foreach (var arg in args)
            {
                command.Parameters.Add(arg switch
                {
                    JsonElement e => new NpgsqlParameter { Value = e.GetRawText(), NpgsqlDbType = NpgsqlDbType.Jsonb },
                    null => new NpgsqlParameter { Value = DBNull.Value },
                    _ => new NpgsqlParameter { Value = arg },
                });
            }

            return command;
        }
    }
}
