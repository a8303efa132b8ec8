using System.Globalization;
using Npgsql;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Hub.Tests.Support;

/// <summary>
/// A private PostgreSQL 15 server for tests: <c>initdb</c> into a temp directory owned by the <c>postgres</c> user
/// (PostgreSQL refuses to run as root), a free loopback port, its socket in the same directory, trust authentication
/// for the superuser <c>hub</c>. Fails (never skips) when PostgreSQL is missing. Each test gets its own database.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private static int s_databases;
    private readonly string _directory;

    public PostgresServer()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "postgres")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/postgres missing): `make deps` installs postgresql.");
        }

        _directory = Directory.CreateTempSubdirectory("edge-pg-").FullName;
        Port = FreePort.Next();
        Run("chown", ["-R", "postgres:postgres", _directory]);
        RunAsPostgres("initdb", ["-D", DataDirectory, "-U", "hub", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        RunAsPostgres("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_directory, "log"), "-w", "-t", "60", "start",
            "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c max_connections=200"]);
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>A connection string for a fresh, empty database.</summary>
    public string NewDatabase()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"hub_{Environment.ProcessId}_{Interlocked.Increment(ref s_databases)}");
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=hub;Database={database};Pooling=true");

    public void Dispose()
    {
        try
        {
            RunAsPostgres("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // already down
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static void RunAsPostgres(string tool, string[] args) => Run("runuser", ["-u", "postgres", "--", Path.Combine(BinDirectory, tool), .. args]);

    private static void Run(string file, string[] args)
    {
        var (code, stdout, stderr) = ChildProcess.Run(file, args, TimeSpan.FromSeconds(120));
        if (code != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit {code}:\n{stdout}\n{stderr}");
        }
    }
}
