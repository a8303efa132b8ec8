using Npgsql;

namespace Reintegratie.Edge.Hub.Hosting;

/// <summary>Checks <see cref="HubOptions"/> at start; throws <see cref="HubConfigurationException"/> naming the key.</summary>
public static class HubOptionsValidator
{
    /// <summary>Validates the options.</summary>
    public static void Validate(HubOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Database))
        {
            throw new HubConfigurationException("Hub:Database", "a PostgreSQL connection string is required (Host=…;Port=…;Database=…;Username=…)");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.Database);
        }
        catch (ArgumentException ex)
        {
            throw new HubConfigurationException("Hub:Database", "not a valid connection string: " + ex.Message);
        }

        if (options.Brokers.Count == 0)
        {
            throw new HubConfigurationException("Hub:Brokers", "list at least one AMQP broker node as host:port");
        }

        foreach (var broker in options.Brokers)
        {
            var colon = broker.LastIndexOf(':');
            if (string.IsNullOrWhiteSpace(broker) || (colon > 0 && !ushort.TryParse(broker.AsSpan(colon + 1), out _)))
            {
                throw new HubConfigurationException("Hub:Brokers", $"'{broker}' is not host or host:port");
            }
        }

        if (options.Prefetch is < 1 or > 10_000)
        {
            throw new HubConfigurationException("Hub:Prefetch", "must be 1..10000");
        }

        if (string.IsNullOrWhiteSpace(options.Prefix))
        {
            throw new HubConfigurationException("Hub:Prefix", "the gateways' MQTT prefix is required");
        }
    }
}
