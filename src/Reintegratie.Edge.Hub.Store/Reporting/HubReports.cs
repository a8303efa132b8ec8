using Npgsql;

namespace Reintegratie.Edge.Hub.Reporting;

/// <summary>Analysis across every site, straight from the hub's PostgreSQL (no gateway touched).</summary>
public sealed class HubReports(NpgsqlDataSource dataSource)
{
    /// <summary>Alerts first seen in [from, to) per site, kind and zone (an alert counts in each of its zones; "-" without zones), with ack times.</summary>
    public async Task<List<HubReportRow>> TertaalAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string> sites, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT site, kind, zone, count(*), count(acknowledged_at),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - first_seen)),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - first_seen))
            FROM alerts, unnest(CASE WHEN cardinality(zones) = 0 THEN ARRAY['-'] ELSE zones END) AS zone
            WHERE first_seen >= $1 AND first_seen < $2 AND (cardinality($3::text[]) = 0 OR site = ANY($3))
            GROUP BY site, kind, zone ORDER BY site, kind, zone
            """);
        command.Parameters.AddWithValue(from.ToUniversalTime());
        command.Parameters.AddWithValue(to.ToUniversalTime());
        command.Parameters.AddWithValue(sites.ToArray());
        var rows = new List<HubReportRow>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(new HubReportRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.IsDBNull(6) ? null : reader.GetDouble(6)));
        }

        return rows;
    }

    /// <summary>Alerts across sites, newest first, filtered like <c>edgectl log query</c>.</summary>
    public async Task<List<HubAlertRow>> QueryAsync(
        IReadOnlyList<string> sites, string? kind, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT site, gateway, alert_id, revision, kind, severity, title, zones, first_seen, ended_at, acknowledged_by, acknowledged_at
            FROM alerts
            WHERE (cardinality($1::text[]) = 0 OR site = ANY($1)) AND ($2::text IS NULL OR kind = $2)
              AND ($3::timestamptz IS NULL OR first_seen >= $3) AND ($4::timestamptz IS NULL OR first_seen < $4)
            ORDER BY first_seen DESC, alert_id LIMIT $5
            """);
        command.Parameters.AddWithValue(sites.ToArray());
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)kind ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)from?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)to?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue(limit);
        var rows = new List<HubAlertRow>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(new HubAlertRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetFieldValue<string[]>(7), reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11)));
        }

        return rows;
    }
}
