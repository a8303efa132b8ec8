using System.Diagnostics.CodeAnalysis;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Fusion;
using Reintegratie.Edge.Core.Pipeline;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Mqtt.Events;
using Reintegratie.Edge.Sensors.Bodycam;
using Reintegratie.Edge.Sensors.Gsm;
using Reintegratie.Edge.Sensors.Links;
using Reintegratie.Edge.Sensors.Perimeter;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RfDetector;
using Reintegratie.Edge.Sensors.Sapient;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// Every configuration key the gateway and <c>edgectl doctor</c> accept (the source file is linked into edgectl):
/// our top-level sections, each derived from its options class, and per sensor the common keys plus its family's.
/// A new section or options class is added here, or its keys are refused with exit 78.
/// </summary>
internal static class EdgeConfigurationSchema
{
    /// <summary>The schema <see cref="ConfigurationKeyChecker"/> checks against.</summary>
    public static ConfigurationKeyNode Root { get; } = Build();

    /// <summary>Throws a <see cref="ConfigurationException"/> for the first unknown key or unconvertible value.</summary>
    public static void Check(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        ConfigurationKeyChecker.Check(Microsoft.Extensions.Configuration.ConfigurationExtensions.AsEnumerable(configuration), Root);

    // FromType reads options classes by reflection. Its annotation keeps the properties of the classes named below; these
    // keep them for every class it reads, the ones reached through a property (MqttOptions.Tls) included, in the NativeAOT
    // build. EdgeConfigurationSchemaTests checks that every class the schema reads is listed.
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(SensorOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(GsmOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(BodycamOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(SiteOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(PipelineOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(FusionOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(JournalOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(MqttOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(MqttEventsOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(PrivacyOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(SensorLinkOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(GeoPoint))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(ZoneOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(SectorOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(OutboxOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(MqttTlsOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(CommandsOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(CommandKeyOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(BrokerEndpoint))] // MqttOptions.Endpoints, computed but get-only
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(SensorLinkTlsOptions))]
    [DynamicDependency(ConfigurationKeyNode.OptionsMembers, typeof(GatewayProcessOptions))]
    private static ConfigurationKeyNode Build()
    {
        var sensor = ConfigurationKeyNode.FromType(typeof(SensorOptions));
        var families = new Dictionary<SensorFamily, ConfigurationKeyNode>
        {
            [SensorFamily.RemoteId] = Keys(sensor, RemoteIdOptions.Keys),
            [SensorFamily.RfDetector] = Keys(sensor, RfDetectorOptions.Keys),
            [SensorFamily.Sapient] = Keys(sensor, SapientSensorSettings.Keys).WithAll(LinkSensor.KeyNode),
            [SensorFamily.Perimeter] = Keys(sensor, PerimeterOptionsReader.Keys),
            [SensorFamily.Gsm] = ConfigurationKeyNode.Section().WithAll(sensor).WithAll(ConfigurationKeyNode.FromType(typeof(GsmOptions))).WithAll(LinkSensor.KeyNode),
            [SensorFamily.Bodycam] = ConfigurationKeyNode.Section().WithAll(sensor).WithAll(ConfigurationKeyNode.FromType(typeof(BodycamOptions))),
        };

        // Without a valid Family, accept every family's keys: the Family value itself is then the error reported.
        var any = ConfigurationKeyNode.Section();
        foreach (var node in families.Values)
        {
            any.WithAll(node);
        }

        var site = ConfigurationKeyNode.FromType(typeof(SiteOptions))
            .With(nameof(SiteOptions.Sensors), ConfigurationKeyNode.List(ConfigurationKeyNode.Choice(nameof(SensorOptions.Family),
                family => Enum.TryParse<SensorFamily>(family, ignoreCase: true, out var f) && families.TryGetValue(f, out var n) ? n : any)));

        return ConfigurationKeyNode.Section()
            .With("Logging", ConfigurationKeyNode.Any)
            .With(GatewayProcessOptions.Section, ConfigurationKeyNode.FromType(typeof(GatewayProcessOptions)))
            .With(SiteOptions.Section, site)
            .With(PipelineOptions.Section, ConfigurationKeyNode.FromType(typeof(PipelineOptions)))
            .With(FusionOptions.Section, ConfigurationKeyNode.FromType(typeof(FusionOptions)))
            .With(JournalOptions.Section, ConfigurationKeyNode.FromType(typeof(JournalOptions)))
            .With(MqttOptions.Section, ConfigurationKeyNode.FromType(typeof(MqttOptions)))
            .With(MqttEventsOptions.Section, ConfigurationKeyNode.FromType(typeof(MqttEventsOptions)))
            .With(PrivacyOptions.Section, ConfigurationKeyNode.FromType(typeof(PrivacyOptions)))
            .With(SensorLinkOptions.Section, ConfigurationKeyNode.FromType(typeof(SensorLinkOptions)));
    }

    private static ConfigurationKeyNode Keys(ConfigurationKeyNode common, IEnumerable<string> keys)
    {
        var node = ConfigurationKeyNode.Section().WithAll(common);
        foreach (var key in keys)
        {
            node.With(key, ConfigurationKeyNode.Value());
        }

        return node;
    }
}
