using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Reintegratie.Edge.Hub.Storage;

/// <summary>
/// Applies the embedded <c>Storage/Migrations/NNNN_name.sql</c> scripts in version order, each in its own transaction,
/// recording them in <c>schema_migrations</c>. Several hub instances may start at once: a transaction-scoped advisory
/// lock serialises them, so each script runs exactly once.
/// </summary>
public static partial class SchemaMigrator
{
    private const long LockKey = 0x4855425F4D494752; // "HUB_MIGR"

    /// <summary>The migrations compiled into the hub, in version order.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Embedded { get; } = Load();

    /// <summary>Applies every migration the database does not have yet; returns how many ran.</summary>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken ct)
    {
        var applied = 0;
        foreach (var (version, name, sql) in Embedded)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await Execute(connection, tx, $"SELECT pg_advisory_xact_lock({LockKey})", ct).ConfigureAwait(false);
            await Execute(connection, tx, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", ct).ConfigureAwait(false);
            await using (var check = new NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE version = $1", connection, tx))
            {
                check.Parameters.AddWithValue(version);
                if ((long)(await check.ExecuteScalarAsync(ct).ConfigureAwait(false))! > 0)
                {
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                    continue;
                }
            }

            await Execute(connection, tx, sql, ct).ConfigureAwait(false);
            await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", connection, tx))
            {
                record.Parameters.AddWithValue(version);
                record.Parameters.AddWithValue(name);
                await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await tx.CommitAsync(ct).ConfigureAwait(false);
            LogApplied(logger, version, name);
            applied++;
        }

        return applied;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static List<(int, string, string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var list = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            // Reintegratie.Edge.Hub.Storage.Migrations.0001_initial.sql
            var file = resource.Split('.')[^2];
            var version = int.Parse(file.AsSpan(0, file.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add((version, file, reader.ReadToEnd()));
        }

        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return list;
    }

    [LoggerMessage(EventId = 1901, Level = LogLevel.Information, Message = "Schema migration {Version} ({Name}) applied")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
