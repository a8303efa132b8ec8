namespace Reintegratie.Edge.Hub.Tests.Support;

/// <summary>One PostgreSQL server and one RabbitMQ node shared by every hub test class (starting them takes ~15 s).</summary>
public sealed class HubInfrastructure : IDisposable
{
    public HubInfrastructure()
    {
        Postgres = new PostgresServer();
        try
        {
            Rabbit = new RabbitCluster(1);
        }
        catch
        {
            Postgres.Dispose();
            throw;
        }
    }

    public PostgresServer Postgres { get; }

    public RabbitCluster Rabbit { get; }

    public void Dispose()
    {
        Rabbit.Dispose();
        Postgres.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<HubInfrastructure>
{
    public const string Name = "hub infrastructure";
}
