using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Reintegratie.Edge.Mqtt.Broker;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Mqtt.Configuration;

namespace Reintegratie.Edge.Mqtt;

/// <summary>Registers MQTT delivery in the gateway host.</summary>
public static class MqttServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <c>Mqtt</c> (throws <see cref="Core.Site.ConfigurationException"/>; <c>Mqtt:Site</c> falls back to
    /// <c>Site:Name</c>), registers the embedded broker when <c>Mqtt:Embedded</c> is true, and the <see cref="OutboxPublisher"/>
    /// as a singleton and hosted service. The host registers <c>IOutboxReader</c>, <c>IEventSink</c> and optionally
    /// <c>SensorHealthRegistry</c>, <c>IJournalHeadSource</c>, <c>IActiveAlertsSource</c>.
    /// </summary>
    public static IServiceCollection AddEdgeMqtt(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = Bind(configuration);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        if (options.UsesEmbeddedBroker)
        {
            services.AddSingleton<EmbeddedBroker>();
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        }

        services.AddSingleton<OutboxPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxPublisher>());
        return services;
    }

    /// <summary>Binds and validates the <c>Mqtt</c> section (also for <c>--check-config</c>).</summary>
    public static MqttOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new MqttOptions();
        try
        {
            configuration.GetSection(MqttOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // The gateway checks every key's type first (ConfigurationKeyChecker); this covers other callers.
            throw new Core.Site.ConfigurationException(MqttOptions.Section, (e.InnerException ?? e).Message);
        }

        if (string.IsNullOrWhiteSpace(options.Site))
        {
            options.Site = configuration["Site:Name"] ?? string.Empty;
        }

        MqttOptionsValidator.Validate(options);
        return options;
    }
}
