using System.Security.Cryptography;
using Npgsql;

namespace Reintegratie.Edge.Hub.Operators;

/// <summary>Console operators and their sessions in PostgreSQL (no default account: <c>edgectl hub user add</c> creates them).</summary>
public sealed class OperatorStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>How long a console login lasts.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    /// <summary>Creates or replaces an operator's password.</summary>
    public async Task AddAsync(string name, string password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64)
        {
            throw new ArgumentException("an operator name has 1..64 characters", nameof(name));
        }

        var hash = PasswordHasher.Hash(password);
        await using var command = dataSource.CreateCommand(
            "INSERT INTO operators (name, password, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET password = EXCLUDED.password");
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(hash);
        command.Parameters.AddWithValue(time.GetUtcNow());
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Checks the password; on success returns a new session token (the cookie value), else null. Audited either way.</summary>
    public async Task<string?> LoginAsync(string name, string password, CancellationToken ct)
    {
        string? stored;
        await using (var command = dataSource.CreateCommand("SELECT password FROM operators WHERE name = $1"))
        {
            command.Parameters.AddWithValue(name);
            stored = await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
        }

        // An unknown name costs the same hashing as a known one (no user enumeration by timing).
        var ok = PasswordHasher.Verify(password, stored ?? "pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=") && stored is not null;
        await AuditAsync(name, ok ? "login" : "login_refused", string.Empty, ct).ConfigureAwait(false);
        if (!ok)
        {
            return null;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        await using var insert = dataSource.CreateCommand("INSERT INTO operator_sessions (token_hash, operator, created_at, expires_at) VALUES ($1, $2, $3, $4)");
        insert.Parameters.AddWithValue(TokenHash(token));
        insert.Parameters.AddWithValue(name);
        insert.Parameters.AddWithValue(now);
        insert.Parameters.AddWithValue(now + SessionLifetime);
        await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return token;
    }

    /// <summary>The operator a session token belongs to, or null when unknown or expired.</summary>
    public async Task<string?> AuthenticateAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        await using var command = dataSource.CreateCommand("SELECT operator FROM operator_sessions WHERE token_hash = $1 AND expires_at > $2");
        command.Parameters.AddWithValue(TokenHash(token));
        command.Parameters.AddWithValue(time.GetUtcNow());
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
    }

    /// <summary>Records a console action.</summary>
    public async Task AuditAsync(string operatorName, string action, string detail, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO console_audit (at, operator, action, detail) VALUES ($1, $2, $3, $4)");
        command.Parameters.AddWithValue(time.GetUtcNow());
        command.Parameters.AddWithValue(operatorName.Length > 64 ? operatorName[..64] : operatorName);
        command.Parameters.AddWithValue(action);
        command.Parameters.AddWithValue(detail);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static string TokenHash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
