using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Reintegratie.Edge.Hub.Ingest;
using Reintegratie.Edge.Hub.Storage;
using Reintegratie.Edge.Hub.Tests.Support;
using Xunit.Abstractions;
using static Reintegratie.Edge.Hub.Tests.Support.GatewayMessages;

namespace Reintegratie.Edge.Hub.Tests.Storage;

/// <summary>
/// The lifecycle queue and the state queue write the same <c>alerts</c> rows from two transactions at once (two hub
/// instances, or one instance's two consumers). Without one lock order they deadlocked (40P01, the batch retried).
/// </summary>
[Collection(HubCollection.Name)]
public sealed class AlertLockOrderTests(HubInfrastructure infrastructure, ITestOutputHelper output)
{
    private const int Batches = 30;
    private const int Alerts = 24;

    [Fact]
    public async Task ApplyAsync_LifecycleAscendingAndActiveListDescending_TwoWritersAtOnce_NoDeadlockNothingLost()
    {
        var database = infrastructure.Postgres.NewDatabase();
        await using var source = NpgsqlDataSource.Create(database);
        await SchemaMigrator.MigrateAsync(source, NullLogger.Instance, CancellationToken.None);
        var keys = new RoutingKeys("t-locks");
        var ids = Enumerable.Range(0, Alerts).Select(i => $"A{i:00}").ToArray();
        var deadlocks = 0;

        // Batch b: revision b+1 of every alert, as lifecycle messages in ascending id order on one writer and as one
        // active list in descending order on the other: the opposite row order that deadlocked.
        async Task Run(Func<int, IngestMessage[]> batchOf)
        {
            var store = new IngestStore(source, keys, TimeProvider.System);
            for (var b = 0; b < Batches; b++)
            {
                try
                {
                    await store.ApplyAsync(batchOf(b), CancellationToken.None);
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected)
                {
                    Interlocked.Increment(ref deadlocks);
                    b--; // retried, as the consumer's redelivery does
                }
            }
        }

        await Task.WhenAll(
            Task.Run(() => Run(b => ids.Select(id => new IngestMessage("t-locks.pi-vught.gw1.alerts", Lifecycle(id, b + 1), false)).ToArray())),
            Task.Run(() => Run(b => [new IngestMessage("t-locks.pi-vught.gw1.alerts.active",
                System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ids.Reverse().Select(id => Snapshot(id, b + 1)).ToArray()), false)])));

        output.WriteLine($"{Batches} batches per writer, {Alerts} alerts: {deadlocks} deadlocks");
        Assert.Equal(0, deadlocks);
        Assert.Equal(Batches * Alerts, Sql.Scalar<long>(database, "SELECT count(*) FROM alert_revisions"));
        Assert.Equal(Alerts, Sql.Scalar<long>(database, "SELECT count(*) FROM alerts WHERE revision = $1", Batches));
    }

    [Fact]
    public void IdsOf_LifecycleActiveListAndOtherTopics_OnlyAlertIds()
    {
        var keys = new RoutingKeys("t-locks");
        IngestMessage[] batch =
        [
            new("t-locks.pi-vught.gw1.alerts", Lifecycle("B", 2), false),
            new("t-locks.pi-vught.gw1.alerts.active", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new[] { Snapshot("C", 1), Snapshot("B", 2) }), false),
            new("t-locks.pi-vught.gw1.status", Status("online"), false),
            new("t-locks.pi-vught.gw1.alerts", "{not json"u8.ToArray(), false),
        ];

        Assert.Equal(["B", "C"], AlertLockOrder.IdsOf(batch, keys).Order());
    }
}
