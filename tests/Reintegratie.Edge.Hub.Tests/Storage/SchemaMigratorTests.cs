using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Reintegratie.Edge.Hub.Storage;
using Reintegratie.Edge.Hub.Tests.Support;

namespace Reintegratie.Edge.Hub.Tests.Storage;

[Collection(HubCollection.Name)]
public sealed class SchemaMigratorTests(HubInfrastructure infrastructure)
{
    [Fact]
    public async Task MigrateAsync_ThreeInstancesAtOnceThenAgain_EachVersionAppliedOnce()
    {
        var database = infrastructure.Postgres.NewDatabase();
        await using var source = NpgsqlDataSource.Create(database);

        var first = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SchemaMigrator.MigrateAsync(source, NullLogger.Instance, CancellationToken.None)));
        var again = await SchemaMigrator.MigrateAsync(source, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(SchemaMigrator.Embedded.Count, first.Sum());
        Assert.Equal(0, again);
        Assert.Equal(SchemaMigrator.Embedded.Count, (int)Sql.Scalar<long>(database, "SELECT count(*) FROM schema_migrations"));
        Assert.Equal(SchemaMigrator.Embedded.Select(m => m.Version), SchemaMigrator.Embedded.Select(m => m.Version).Order());
    }
}
