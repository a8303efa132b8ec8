using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Journal.Outbox;
using Reintegratie.Edge.Mqtt.Sources;
using Reintegratie.Edge.Mqtt.Broker;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Mqtt.Events;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt;

/// <summary>Registers MQTT delivery in the gateway host.</summary>
public static class MqttServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <c>Mqtt</c> and <c>Mqtt:Events</c> (throws <see cref="Core.Site.ConfigurationException"/>;
    /// <c>Mqtt:Site</c> falls back to <c>Site:Name</c>), then registers MQTT delivery as
    /// <see cref="AddEdgeMqtt(IServiceCollection, MqttOptions, MqttEventsOptions, EmbeddedBroker?)"/> does.
    /// </summary>
    public static IServiceCollection AddEdgeMqtt(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddEdgeMqtt(Bind(configuration), MqttEventsOptions.Bind(configuration));
    }

    /// <summary>
    /// Registers MQTT delivery, as hosted services in this start order (they stop in reverse): the embedded broker when
    /// <see cref="MqttOptions.UsesEmbeddedBroker"/> (<paramref name="broker"/> when the caller started it already, so that
    /// a port in use stops the start before the host is built), then the one <see cref="MqttSession"/>. With
    /// <c>Mqtt:Events:Enabled</c> also the events' hand-off and the <see cref="EventStage"/> (a pipeline stage the host
    /// adds after the journal); the session publishes what the stage hands off. The host registers <c>IOutboxReader</c>,
    /// <c>IEventSink</c>, and for events <c>SiteModel</c>; optionally <c>SensorHealthRegistry</c>,
    /// <c>IJournalHeadSource</c>, <c>IActiveAlertsSource</c>, <c>ICommandHistorySource</c>. Every part is built by an
    /// explicit factory (no reflection-based activation, for the NativeAOT build).
    /// </summary>
    public static IServiceCollection AddEdgeMqtt(this IServiceCollection services, MqttOptions options, MqttEventsOptions events, EmbeddedBroker? broker = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(events);
        services.AddSingleton(options);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        if (broker is not null)
        {
            services.AddSingleton(broker);
        }
        else if (options.UsesEmbeddedBroker)
        {
            services.AddSingleton(sp => new EmbeddedBroker(sp.GetRequiredService<IOptions<MqttOptions>>(), sp.GetRequiredService<ILogger<EmbeddedBroker>>()));
        }

        if (broker is not null || options.UsesEmbeddedBroker)
        {
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>()); // a started broker's StartAsync does nothing
        }

        if (events.Enabled)
        {
            // Stage "events" (after the journal); the session publishes what it hands off.
            services.AddSingleton(events);
            services.AddSingleton(new EventHandoff(events.QueueCapacity, events.WaitsWhenFull));
            services.AddSingleton(sp => new EventStage(
                events, new MqttTopics(options.Prefix, options.Site, options.Gateway), sp.GetRequiredService<SiteModel>(), sp.GetRequiredService<EventHandoff>()));
        }

        services.AddSingleton(sp => new MqttSession(
            sp.GetRequiredService<IOptions<MqttOptions>>(),
            sp.GetRequiredService<IOutboxReader>(),
            sp.GetRequiredService<IEventSink>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MqttSession>>(),
            sp.GetService<SensorHealthRegistry>(),
            sp.GetService<IJournalHeadSource>(),
            sp.GetService<IActiveAlertsSource>(),
            sp.GetService<ICommandHistorySource>(),
            sp.GetService<SiteModel>(),
            sp.GetService<EventHandoff>(),
            events.Enabled ? events : null));
        services.AddHostedService(sp => sp.GetRequiredService<MqttSession>());
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
