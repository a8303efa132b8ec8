using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Hub.Tests.Support;

/// <summary>
/// One retained gateway document (<c>…/bypass</c>, <c>…/site</c>) into the real hub: a fresh database, a hub consuming
/// from the shared RabbitMQ node, one gateway topic publisher; then wait for the history rows and rejections, and read
/// the rejection reasons in arrival order.
/// </summary>
public sealed class RetainedTopicRig : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly HubProcess _hub;

    private RetainedTopicRig(string database, HubProcess hub, GatewayPublisher gateway)
    {
        Database = database;
        _hub = hub;
        Gateway = gateway;
    }

    public string Database { get; }

    public GatewayPublisher Gateway { get; }

    public static async Task<RetainedTopicRig> StartAsync(HubInfrastructure infrastructure, string prefix, string site)
    {
        var database = infrastructure.Postgres.NewDatabase();
        var hub = new HubProcess(database, infrastructure.Rabbit.AmqpEndpoints, prefix);
        try
        {
            hub.WaitConsuming();
            return new RetainedTopicRig(database, hub, await GatewayPublisher.ConnectAsync(infrastructure.Rabbit.Nodes[0].MqttPort, prefix, site));
        }
        catch
        {
            hub.Dispose();
            throw;
        }
    }

    /// <summary>Waits until <paramref name="historyTable"/> holds <paramref name="history"/> rows and <c>rejected_messages</c> <paramref name="rejected"/>.</summary>
    public Task WaitAsync(string historyTable, long history, long rejected) =>
        Wait.UntilAsync(() => Sql.Scalar<long>(Database, $"SELECT count(*) FROM {historyTable}") == history
            && Sql.Scalar<long>(Database, "SELECT count(*) FROM rejected_messages") == rejected, s_timeout,
            $"{history} rows in {historyTable} and {rejected} rejections\n" + _hub.Output);

    /// <summary>The reasons of the rejected messages, in arrival order.</summary>
    public List<string> RejectionReasons() => Sql.Rows(Database, "SELECT reason FROM rejected_messages ORDER BY id").Select(r => (string)r[0]).ToList();

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        _hub.Dispose();
    }
}
