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

    /// <summary>
    /// Bypasses, newest first: those still listed by their gateway when neither bound is given, else every bypass whose
    /// window [since, until) overlaps [from, to).
    /// </summary>
    public async Task<List<HubBypassRow>> BypassesAsync(IReadOnlyList<string> sites, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT site, gateway, zone, alert_id, authorised_by, reason, since, until, renewals, ended_at
            FROM bypasses
            WHERE (cardinality($1::text[]) = 0 OR site = ANY($1))
              AND CASE WHEN $2::timestamptz IS NULL AND $3::timestamptz IS NULL THEN ended_at IS NULL
                       ELSE ($2::timestamptz IS NULL OR until > $2) AND ($3::timestamptz IS NULL OR since < $3) END
            ORDER BY since DESC, site, zone
            """);
        command.Parameters.AddWithValue(sites.ToArray());
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)from?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)to?.ToUniversalTime() ?? DBNull.Value);
        var rows = new List<HubBypassRow>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(new HubBypassRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<string[]>(4),
                reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return rows;
    }

    /// <summary>Per site and zone: bypasses overlapping [from, to) and the hours bypassed within it (to the earlier of expiry and the end the gateway announced).</summary>
    public async Task<List<HubBypassSummaryRow>> BypassSummaryAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string> sites, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT site, zone, count(*),
                   sum(extract(epoch FROM least(until, coalesce(ended_at, until), $2) - greatest(since, $1))) / 3600.0
            FROM bypasses
            WHERE until > $1 AND since < $2 AND (cardinality($3::text[]) = 0 OR site = ANY($3))
            GROUP BY site, zone ORDER BY site, zone
            """);
        command.Parameters.AddWithValue(from.ToUniversalTime());
        command.Parameters.AddWithValue(to.ToUniversalTime());
        command.Parameters.AddWithValue(sites.ToArray());
        var rows = new List<HubBypassSummaryRow>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(new HubBypassSummaryRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), Math.Max(0, (double)reader.GetDecimal(3))));
        }

        return rows;
    }
}
