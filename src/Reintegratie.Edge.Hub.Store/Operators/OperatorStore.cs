using System.Security.Cryptography;
using Npgsql;

namespace Reintegratie.Edge.Hub.Operators;

/// <summary>Console operators and their sessions in PostgreSQL (no default account: <c>edgectl hub user add</c> creates them).</summary>
public sealed class OperatorStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>How long a console login lasts.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// Creates an operator, or gives an existing one a new password, with a new command key of their own (the old key
    /// cannot be re-encrypted without the old password). Returns the key's public half (base64 SubjectPublicKeyInfo)
    /// for the gateways' <c>Mqtt:Commands:Keys:{name}</c>; the name is the key id.
    /// </summary>
    public async Task<string> AddAsync(string name, string password, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@')))
        {
            throw new ArgumentException("an operator name is also the key id of the operator's command key: 1..64 of A-Z a-z 0-9 - _ . @", nameof(name));
        }

        var hash = PasswordHasher.Hash(password);
        var (publicKey, privateKey) = OperatorKeys.Create(password);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO operators (name, password, created_at, public_key, private_key) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (name) DO UPDATE SET password = EXCLUDED.password, public_key = EXCLUDED.public_key, private_key = EXCLUDED.private_key
            """);
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(hash);
        command.Parameters.AddWithValue(time.GetUtcNow());
        command.Parameters.AddWithValue(publicKey);
        command.Parameters.AddWithValue(privateKey);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return publicKey;
    }

    /// <summary>
    /// Checks the password; on success returns a new session token (the cookie value), else null. Audited either way.
    /// The operator's command key is unlocked with the same password and sealed for the session (<see cref="OperatorKeys"/>).
    /// </summary>
    public async Task<string?> LoginAsync(string name, string password, CancellationToken ct)
    {
        string? stored = null;
        string? privateKey = null;
        await using (var command = dataSource.CreateCommand("SELECT password, private_key FROM operators WHERE name = $1"))
        {
            command.Parameters.AddWithValue(name);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                stored = reader.GetString(0);
                privateKey = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        }

        // An unknown name costs the same hashing as a known one (no user enumeration by timing).
        var ok = PasswordHasher.Verify(password, stored ?? "pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=") && stored is not null;
        await AuditAsync(name, ok ? "login" : "login_refused", string.Empty, ct).ConfigureAwait(false);
        if (!ok)
        {
            return null;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var signingKey = privateKey is null ? null : OperatorKeys.SealForSession(privateKey, password, token, name);
        var now = time.GetUtcNow();
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO operator_sessions (token_hash, operator, created_at, expires_at, signing_key) VALUES ($1, $2, $3, $4, $5)");
        insert.Parameters.AddWithValue(TokenHash(token));
        insert.Parameters.AddWithValue(name);
        insert.Parameters.AddWithValue(now);
        insert.Parameters.AddWithValue(now + SessionLifetime);
        insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bytea, (object?)signingKey ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return token;
    }

    /// <summary>The logged-in operator's own command key (the caller disposes it), or null when the account has none.</summary>
    public async Task<ECDsa?> SessionKeyAsync(string token, string operatorName, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT signing_key FROM operator_sessions WHERE token_hash = $1 AND operator = $2 AND expires_at > $3");
        command.Parameters.AddWithValue(TokenHash(token));
        command.Parameters.AddWithValue(operatorName);
        command.Parameters.AddWithValue(time.GetUtcNow());
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is byte[] sealedKey ? OperatorKeys.OpenForSession(sealedKey, token, operatorName) : null;
    }

    /// <summary>Every operator, by name, with the public half of their command key (null for accounts made before per-operator keys).</summary>
    public async Task<List<(string Name, string? PublicKey)>> KeysAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT name, public_key FROM operators ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var keys = new List<(string, string?)>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            keys.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return keys;
    }

    /// <summary>Deletes the session of <paramref name="token"/>, and with it the signing key sealed for it; true when there was one.</summary>
    public async Task<bool> LogoutAsync(string token, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM operator_sessions WHERE token_hash = $1");
        command.Parameters.AddWithValue(TokenHash(token));
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
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
