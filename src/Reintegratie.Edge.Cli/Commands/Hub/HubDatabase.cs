using Npgsql;

namespace Reintegratie.Edge.Cli.Commands.Hub;

/// <summary>The hub's PostgreSQL for <c>edgectl hub …</c>: <c>--db CONNECTION</c> or the environment variable <c>REINTEGRATIE_HUB_DB</c>.</summary>
internal static class HubDatabase
{
    public const string Variable = "REINTEGRATIE_HUB_DB";

    public static NpgsqlDataSource Open(CliArgs options)
    {
        var connection = options.Value("db") ?? Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new CliUsageException($"--db \"Host=…;Database=…;Username=…\" (or {Variable}) is required");
        }

        try
        {
            return NpgsqlDataSource.Create(connection);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException("--db: " + ex.Message);
        }
    }
}
