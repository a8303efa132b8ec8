using Npgsql;

namespace Reintegratie.Edge.Hub.Web;

/// <summary>The console's read side: one JSON document per request, built by PostgreSQL.</summary>
public sealed class ConsoleQueries(NpgsqlDataSource dataSource)
{
    private const string StateSql = """
        SELECT json_build_object(
          'sites', (SELECT coalesce(json_agg(s ORDER BY s), '[]') FROM (SELECT site AS s FROM gateway_status UNION SELECT site FROM alerts) x),
          'kinds', (SELECT coalesce(json_agg(k ORDER BY k), '[]') FROM (SELECT DISTINCT kind AS k FROM alerts WHERE ended_at IS NULL) y),
          'offline', (SELECT coalesce(json_agg(json_build_object('site', site, 'gateway', gateway, 'state', state, 'reason', body->>'reason',
                        'since', received_at) ORDER BY site, gateway), '[]') FROM gateway_status WHERE state <> 'online' AND ($1::text IS NULL OR site = $1)),
          'alerts', (SELECT coalesce(json_agg(json_build_object('id', alert_id, 'revision', revision, 'site', site, 'gateway', gateway, 'source', source,
                        'kind', kind, 'severity', severity, 'title', title, 'zones', zones, 'first_seen', first_seen, 'last_seen', last_seen,
                        'acknowledged_by', acknowledged_by, 'acknowledged_at', acknowledged_at, 'drone', body->'drone')
                        ORDER BY (kind = 'journal_discontinuity') DESC, first_seen DESC), '[]')
                     FROM alerts WHERE ended_at IS NULL AND ($1::text IS NULL OR site = $1) AND ($2::text IS NULL OR kind = $2)),
          'sensors', (SELECT coalesce(json_agg(json_build_object('site', site, 'gateway', gateway, 'sensor', sensor_id, 'family', family,
                        'zone', zone, 'status', status, 'since', body->>'since') ORDER BY site, sensor_id), '[]')
                     FROM sensor_health WHERE ($1::text IS NULL OR site = $1)),
          'bypasses', (SELECT coalesce(json_agg(json_build_object('site', site, 'gateway', gateway, 'zone', zone, 'until', until, 'since', since,
                        'authorised_by', authorised_by, 'reason', reason, 'alert_id', alert_id) ORDER BY site, zone), '[]')
                     FROM bypasses WHERE ended_at IS NULL AND ($1::text IS NULL OR site = $1)),
          'maps', (SELECT coalesce(json_agg(json_build_object('gateway', gateway, 'map', body) ORDER BY gateway), '[]')
                     FROM site_maps WHERE site = $1)
        )::text
        """;

    /// <summary>Active alerts (journal_discontinuity first), gateways not online, sensor health, bypassed zones, sites and kinds; filtered by site and kind; with a site, its zone maps.</summary>
    public async Task<string> StateAsync(string? site, string? kind, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(StateSql);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)Blank(site) ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)Blank(kind) ?? DBNull.Value);
        return (string)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>Site, gateway, source and whether it is still open, for an alert id; null when unknown.</summary>
    public async Task<(string Site, string Gateway, string Source, bool Active)?> FindAsync(string alertId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT site, gateway, source, ended_at IS NULL FROM alerts WHERE alert_id = $1");
        command.Parameters.AddWithValue(alertId);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3))
            : null;
    }

    /// <summary>Acknowledges (and closes) a hub-raised alert such as journal_discontinuity: a new revision, then a change notification.</summary>
    public async Task<bool> AcknowledgeHubAlertAsync(string alertId, string operatorName, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            UPDATE alerts SET revision = revision + 1, acknowledged_by = $2, acknowledged_at = $3, ended_at = $3, updated_at = $3
            WHERE alert_id = $1 AND source = 'hub' AND ended_at IS NULL RETURNING site
            """, connection, tx);
        command.Parameters.AddWithValue(alertId);
        command.Parameters.AddWithValue(operatorName);
        command.Parameters.AddWithValue(now);
        if (await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is not string site)
        {
            return false;
        }

        await using var notify = new NpgsqlCommand("SELECT pg_notify('hub_changes', $1)", connection, tx);
        notify.Parameters.AddWithValue(site);
        await notify.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
