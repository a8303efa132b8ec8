using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Reintegratie.Edge.Hub.Storage;
using Reintegratie.Edge.Hub.Tests.Support;
using Reintegratie.Edge.IntegrationTests.Infrastructure;

namespace Reintegratie.Edge.Hub.Tests.Reporting;

/// <summary>The real edgectl against the hub's PostgreSQL: the tertaal report across sites and the cross-site query.</summary>
[Collection(HubCollection.Name)]
public sealed class EdgectlHubTests(HubInfrastructure infrastructure)
{
    [Fact]
    public async Task HubReportAndQuery_AcrossSites_PerSiteKindZoneWithAckTimes()
    {
        var database = infrastructure.Postgres.NewDatabase();
        await using (var source = NpgsqlDataSource.Create(database))
        {
            await SchemaMigrator.MigrateAsync(source, NullLogger.Instance, CancellationToken.None);
            await using var insert = source.CreateCommand("""
                INSERT INTO alerts (alert_id, revision, site, gateway, source, kind, severity, title, zones, first_seen, last_seen, acknowledged_by, acknowledged_at, body, updated_at)
                VALUES ('a1', 2, 'pi-vught', 'gw1', 'gateway', 'drone_incursion', 'high', 't', '{Z1}', '2026-10-01T10:00:00Z', '2026-10-01T10:01:00Z', 'x', '2026-10-01T10:00:30Z', '{}', now()),
                       ('a2', 2, 'pi-vught', 'gw1', 'gateway', 'drone_incursion', 'high', 't', '{Z1}', '2026-10-02T10:00:00Z', '2026-10-02T10:01:00Z', 'x', '2026-10-02T10:01:30Z', '{}', now()),
                       ('a3', 1, 'pi-zwolle', 'gw1', 'gateway', 'perimeter_breach', 'high', 't', '{N,O}', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', NULL, NULL, '{}', now()),
                       ('a4', 1, 'pi-zwolle', 'gw1', 'gateway', 'perimeter_breach', 'high', 't', '{N}', '2026-05-01T10:00:00Z', '2026-05-01T10:00:00Z', NULL, NULL, '{}', now())
                """);
            await insert.ExecuteNonQueryAsync();
        }

        var env = new Dictionary<string, string> { ["REINTEGRATIE_HUB_DB"] = database };
        var (code, csv, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["hub", "report", "--period", "2026-T3", "--format", "csv"], TimeSpan.FromSeconds(120), env);
        Assert.True(code == 0, stderr);
        Assert.Equal(
            ["site,kind,zone,alerts,acknowledged,ack_median_s,ack_p90_s", "pi-vught,drone_incursion,Z1,2,2,60.0,84.0", "pi-zwolle,perimeter_breach,N,1,0,-,-", "pi-zwolle,perimeter_breach,O,1,0,-,-"],
            csv.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var (only, vught, _) = ChildProcess.Run(RepoPaths.Edgectl, ["hub", "report", "--period", "2026-T3", "--site", "pi-vught"], TimeSpan.FromSeconds(120), env);
        Assert.Equal(0, only);
        Assert.DoesNotContain("pi-zwolle", vught, StringComparison.Ordinal);

        var (q, jsonl, qerr) = ChildProcess.Run(RepoPaths.Edgectl, ["hub", "query", "--kind", "perimeter_breach", "--format", "jsonl"], TimeSpan.FromSeconds(120), env);
        Assert.True(q == 0, qerr);
        Assert.Equal(["a3", "a4"], jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("alert_id").GetString()));
    }

    [Fact]
    public async Task HubQueryBypasses_InForceOrOverlappingPeriod_ReportSumsHoursPerZone()
    {
        var database = infrastructure.Postgres.NewDatabase();
        await using (var source = NpgsqlDataSource.Create(database))
        {
            await SchemaMigrator.MigrateAsync(source, NullLogger.Instance, CancellationToken.None);
            await using var insert = source.CreateCommand("""
                INSERT INTO bypasses (site, gateway, alert_id, zone, reason, authorised_by, since, until, renewals, first_listed, last_listed, ended_at)
                VALUES ('pi-vught', 'gw1', 'b1', 'east', 'hek', '{anna,bert}', '2026-10-01T08:00:00Z', '2026-10-01T14:00:00Z', 1, now(), now(), '2026-10-01T12:00:00Z'),
                       ('pi-vught', 'gw1', 'b2', 'east', 'hek', '{anna,bert}', '2026-12-31T22:00:00Z', '2027-01-01T04:00:00Z', 0, now(), now(), NULL),
                       ('pi-zwolle', 'gw1', 'b3', 'north', 'camera', '{carl,dirk}', '2026-06-01T08:00:00Z', '2026-06-01T09:00:00Z', 0, now(), now(), '2026-06-01T09:00:00Z')
                """);
            await insert.ExecuteNonQueryAsync();
        }

        var env = new Dictionary<string, string> { ["REINTEGRATIE_HUB_DB"] = database };
        var (code, now, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["hub", "query", "--bypasses", "--format", "jsonl"], TimeSpan.FromSeconds(120), env);
        Assert.True(code == 0, stderr);
        Assert.Equal(["b2"], Ids(now));

        var (_, period, _) = ChildProcess.Run(RepoPaths.Edgectl, ["hub", "query", "--bypasses", "--from", "2026-09-01", "--to", "2027-01-01", "--format", "jsonl"], TimeSpan.FromSeconds(120), env);
        Assert.Equal(["b2", "b1"], Ids(period));

        // T3 = September..December: b1 counts 4 h (ended at 12:00, before its 14:00 expiry), b2 its 2 h before the year ends; b3 (June) not at all.
        var (r, report, rerr) = ChildProcess.Run(RepoPaths.Edgectl, ["hub", "report", "--period", "2026-T3"], TimeSpan.FromSeconds(120), env);
        Assert.True(r == 0, rerr);
        var bypassTable = report[report.IndexOf("Bypasses", StringComparison.Ordinal)..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["pi-vught east 2 6.0"], bypassTable.Skip(2).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))));

        static IEnumerable<string?> Ids(string jsonl) =>
            jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("alert_id").GetString());
    }

    [Fact]
    public async Task HubUserAdd_PasswordOnStdin_OperatorGetsOwnEncryptedKey_PublicKeyAndGatewayConfigurationPrinted()
    {
        var database = infrastructure.Postgres.NewDatabase();
        await using (var source = NpgsqlDataSource.Create(database))
        {
            await SchemaMigrator.MigrateAsync(source, NullLogger.Instance, CancellationToken.None);
        }

        using var add = ChildProcess.Start(RepoPaths.Edgectl, ["hub", "user", "add", "a.visser", "--db", database]);
        add.WriteInputAndClose("correct horse battery\n");
        Assert.True(add.WaitForExit(TimeSpan.FromSeconds(120)));
        Assert.True(add.ExitCode == 0, string.Join('\n', add.Stderr));
        var publicKey = add.Stdout.Single(l => l.StartsWith("public key: ", StringComparison.Ordinal))["public key: ".Length..];
        Assert.Equal(publicKey, Sql.Scalar<string>(database, "SELECT public_key FROM operators WHERE name = 'a.visser'"));
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", Sql.Scalar<string>(database, "SELECT private_key FROM operators WHERE name = 'a.visser'"), StringComparison.Ordinal);
        Assert.Contains($"gateway configuration: --Mqtt:Commands:Keys:a.visser:PublicKey={publicKey} --Mqtt:Commands:Keys:a.visser:Verbs:0=ack", add.Stdout);

        // The name is the key id on the gateways, so it must be one.
        using var bad = ChildProcess.Start(RepoPaths.Edgectl, ["hub", "user", "add", "a visser", "--db", database]);
        bad.WriteInputAndClose("correct horse battery\n");
        Assert.True(bad.WaitForExit(TimeSpan.FromSeconds(120)));
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("key id", string.Join('\n', bad.Stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubUserKeys_EveryOperatorsKey_AsGatewayConfigurationJsonAndPem_KeylessAccountNamed()
    {
        var database = infrastructure.Postgres.NewDatabase();
        await using (var source = NpgsqlDataSource.Create(database))
        {
            await SchemaMigrator.MigrateAsync(source, NullLogger.Instance, CancellationToken.None);
            var operators = new Reintegratie.Edge.Hub.Operators.OperatorStore(source, TimeProvider.System);
            await operators.AddAsync("j.jansen", "correct horse battery", CancellationToken.None);
            await operators.AddAsync("a.visser", "correct horse battery", CancellationToken.None);
            await using var old = source.CreateCommand("INSERT INTO operators (name, password, created_at) VALUES ('oud.account', 'x', now())");
            await old.ExecuteNonQueryAsync();
        }

        var env = new Dictionary<string, string> { ["REINTEGRATIE_HUB_DB"] = database };
        var (code, json, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["hub", "user", "keys"], TimeSpan.FromSeconds(120), env);
        Assert.True(code == 0, stderr);
        var keys = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("Mqtt").GetProperty("Commands").GetProperty("Keys");
        Assert.Equal(["a.visser", "j.jansen"], keys.EnumerateObject().Select(k => k.Name));
        foreach (var key in keys.EnumerateObject())
        {
            // The PEM the gateway's Mqtt:Commands:Keys:{id}:PublicKey takes is the stored key; the verb is ack only.
            using var ecdsa = System.Security.Cryptography.ECDsa.Create();
            ecdsa.ImportFromPem(key.Value.GetProperty("PublicKey").GetString());
            Assert.Equal(Sql.Scalar<string>(database, "SELECT public_key FROM operators WHERE name = $1", key.Name), Convert.ToBase64String(ecdsa.ExportSubjectPublicKeyInfo()));
            Assert.Equal(["ack"], key.Value.GetProperty("Verbs").EnumerateArray().Select(v => v.GetString()));
        }

        Assert.Contains("operator oud.account has no command key", stderr, StringComparison.Ordinal);

        var (pemCode, pem, _) = ChildProcess.Run(RepoPaths.Edgectl, ["hub", "user", "keys", "--format", "pem"], TimeSpan.FromSeconds(120), env);
        Assert.Equal(0, pemCode);
        Assert.Equal(2, pem.Split("-----BEGIN PUBLIC KEY-----").Length - 1);
        Assert.Contains("# key id j.jansen, verbs: ack", pem, StringComparison.Ordinal);
    }
}
