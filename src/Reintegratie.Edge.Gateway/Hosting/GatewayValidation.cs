using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Fusion;
using Reintegratie.Edge.Core.Pipeline;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal;
using Reintegratie.Edge.Mqtt;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Sensors.Links;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// Binds and validates every section at start (and for <c>--check-config</c>). The first problem throws a
/// <see cref="ConfigurationException"/> naming its key; the gateway then exits with 78.
/// </summary>
public static class GatewayValidation
{
    /// <summary>Validates the configuration and resolves defaults that depend on the state directory.</summary>
    public static GatewaySettings Validate(IConfiguration configuration, string stateDirectory, SensorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(catalog);
        EdgeConfigurationSchema.Check(configuration);
        var siteOptions = GatewayConfiguration.Bind(configuration, SiteOptions.Section, static s => s.Get<SiteOptions>(GatewayConfiguration.Lenient));
        var site = SiteModel.Build(siteOptions);
        if (site.Sensors.Count == 0)
        {
            throw new ConfigurationException($"{SiteOptions.Section}:Sensors",
                "no sensors configured: a gateway without sensors watches nothing (add entries with Id, Family and Zone)");
        }

        var pipeline = GatewayConfiguration.Bind(configuration, PipelineOptions.Section, static s => s.Get<PipelineOptions>(GatewayConfiguration.Lenient));
        pipeline.Validate();
        var fusion = GatewayConfiguration.Bind(configuration, FusionOptions.Section, static s => s.Get<FusionOptions>(GatewayConfiguration.Lenient));
        fusion.Validate();

        var journal = GatewayConfiguration.Bind(configuration, JournalOptions.Section, static s => s.Get<JournalOptions>(GatewayConfiguration.Lenient));
        if (string.IsNullOrWhiteSpace(journal.Path))
        {
            journal.Path = Path.Combine(stateDirectory, "journal.db");
        }

        journal.Validate();
        var mqtt = MqttOptionsBinding.Bind(configuration);
        if (string.IsNullOrWhiteSpace(configuration[$"{FusionOptions.Section}:{nameof(FusionOptions.IdSeed)}"]))
        {
            // One seed per gateway, or two gateways can make the same alert id (AlertIdSeed); site.json records it for replays.
            var siteName = string.IsNullOrWhiteSpace(mqtt.Site) ? siteOptions.Name : mqtt.Site;
            fusion.IdSeed = AlertIdSeed.For($"{mqtt.Prefix}/{siteName}/{mqtt.Gateway}");
        }

        var privacy = SensorCatalog.LoadPrivacy(configuration, stateDirectory);

        var sections = configuration.GetSection($"{SiteOptions.Section}:Sensors").GetChildren().ToList();
        for (var i = 0; i < sections.Count; i++)
        {
            var sensor = site.Sensors[i];
            if (!catalog.Adapters.TryGetValue(sensor.Family, out var factory))
            {
                throw new ConfigurationException($"{SiteOptions.Section}:Sensors:{i}:Family", $"no adapter for family {sensor.Family} in this build");
            }

            factory.Validate(sections[i], sections[i].Path);
        }

        // A SAPIENT node or a GSM umbrella on the network needs TLS (or the explicit, logged plaintext allow-list).
        var networkSensors = sections.Select((section, i) => (section, site.Sensors[i]))
            .Any(x => x.Item2.Family == SensorFamily.Sapient || (x.Item2.Family == SensorFamily.Gsm && string.IsNullOrWhiteSpace(x.section["Port"])));
        var links = SensorLinkSettings.Load(configuration, networkSensors);

        return new GatewaySettings
        {
            Configuration = configuration,
            StateDirectory = stateDirectory,
            Site = site,
            Pipeline = pipeline,
            Fusion = fusion,
            Journal = journal,
            Mqtt = mqtt,
            Privacy = privacy,
            Links = links,
        };
    }

    /// <summary>The enabled sensors of one family with their sections, in configuration order.</summary>
    public static IReadOnlyList<(IConfigurationSection Section, Sensor Sensor)> SensorsOf(GatewaySettings settings, SensorFamily family)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var sections = settings.Configuration.GetSection($"{SiteOptions.Section}:Sensors").GetChildren().ToList();
        var result = new List<(IConfigurationSection, Sensor)>();
        for (var i = 0; i < sections.Count; i++)
        {
            var sensor = settings.Site.Sensors[i];
            var enabled = !string.Equals(sections[i]["Enabled"], "false", StringComparison.OrdinalIgnoreCase);
            if (sensor.Family == family && enabled)
            {
                result.Add((sections[i], sensor));
            }
        }

        return result;
    }
}
