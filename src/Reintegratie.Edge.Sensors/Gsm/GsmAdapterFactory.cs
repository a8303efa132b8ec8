using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Links;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>
/// Creates GSM umbrella adapters: one <see cref="GsmAdapter"/> per distinct <c>Listen</c> address, serving every GSM
/// sensor configured with it, and one <see cref="GsmSerialAdapter"/> per sensor configured with a <c>Port</c> (and
/// <c>Baud</c>, default <see cref="GsmOptions.DefaultBaud"/>). Needs the <see cref="Pseudonymiser"/> as
/// <see cref="AdapterContext.Privacy"/>.
/// </summary>
public sealed class GsmAdapterFactory : ISensorAdapterFactory
{
    /// <inheritdoc />
    public SensorFamily Family => SensorFamily.Gsm;

    /// <inheritdoc />
    public void Validate(IConfigurationSection section, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(section);
        var serial = !string.IsNullOrWhiteSpace(section["Port"]);
        var tcp = !string.IsNullOrWhiteSpace(section["Listen"]);
        if (serial && tcp)
        {
            throw new ConfigurationException($"{keyPrefix}:Port",
                "an umbrella is attached either serially (Port) or over TCP (Listen), not both; remove one of the two keys");
        }

        if (serial)
        {
            SerialSensorConfig.Port(section, keyPrefix);
            SerialSensorConfig.WholeNumber(section, keyPrefix, "Baud", GsmOptions.DefaultBaud, 1200, 4_000_000);
            SerialSensorConfig.Driver(section, keyPrefix);
        }
        else if (tcp)
        {
            ParseEndpoint(section["Listen"]!, $"{keyPrefix}:Listen");
        }
        else
        {
            throw new ConfigurationException($"{keyPrefix}:Listen",
                "is required: host:port the gateway listens on for umbrella clients (e.g. 10.20.0.1:4100, the gateway's sensor-network address), or set Port for a serially attached umbrella");
        }

        var options = Bind(section, keyPrefix);
        if (options.MaxLineBytes is < 256 or > 1 << 20)
        {
            throw new ConfigurationException($"{keyPrefix}:MaxLineBytes", $"must be 256-1048576 but is {options.MaxLineBytes}");
        }

        if (!(options.NoveltyWindowMinutes > 0))
        {
            throw new ConfigurationException($"{keyPrefix}:NoveltyWindowMinutes", "must be a positive number of minutes");
        }

        if (!(options.MaxClockSkewSeconds > 0))
        {
            throw new ConfigurationException($"{keyPrefix}:MaxClockSkewSeconds", "must be a positive number of seconds");
        }

        LinkSensor.Validate(section, keyPrefix);
    }

    /// <inheritdoc />
    public IReadOnlyList<ISensorAdapter> Create(IReadOnlyList<(IConfigurationSection Section, Sensor Sensor)> sensors, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(context);
        if (sensors.Count == 0)
        {
            return [];
        }

        if (context.Privacy is not Pseudonymiser pseudonymiser)
        {
            throw new ConfigurationException($"{PrivacyOptions.Section}:KeyFile", "GSM sensors need a pseudonymisation key but none is loaded");
        }

        var adapters = new List<ISensorAdapter>();
        var groups = new List<(IPEndPoint Endpoint, GsmOptions Options, List<LinkSensor> Sensors)>();
        foreach (var (section, sensor) in sensors)
        {
            Validate(section, section.Path);
            var options = Bind(section, section.Path);
            if (!string.IsNullOrWhiteSpace(options.Port))
            {
                adapters.Add(BuildSerial(sensor, options, pseudonymiser, context));
                continue;
            }

            var endpoint = ParseEndpoint(options.Listen, $"{section.Path}:Listen");
            var group = groups.FindIndex(g => g.Endpoint.Equals(endpoint));
            if (group < 0)
            {
                groups.Add((endpoint, options, [LinkSensor.Read(section, section.Path, sensor)]));
                continue;
            }

            var first = groups[group].Options;
            if (first.MaxLineBytes != options.MaxLineBytes || first.NoveltyWindowMinutes != options.NoveltyWindowMinutes ||
                first.MaxClockSkewSeconds != options.MaxClockSkewSeconds)
            {
                throw new ConfigurationException($"{section.Path}:Listen",
                    $"sensors sharing {endpoint} must agree on MaxLineBytes, NoveltyWindowMinutes and MaxClockSkewSeconds");
            }

            groups[group].Sensors.Add(LinkSensor.Read(section, section.Path, sensor));
        }

        adapters.AddRange(groups.Select(g => (ISensorAdapter)Build(g.Endpoint, g.Options, g.Sensors, pseudonymiser, context)));
        return adapters;
    }

    private static GsmSerialAdapter BuildSerial(Sensor sensor, GsmOptions options, Pseudonymiser pseudonymiser, AdapterContext context)
    {
        var logger = context.LoggerFactory.CreateLogger<GsmSerialAdapter>();
        var handler = BuildHandler(new GsmSensorTable([sensor]), options, $"gsm@{options.Port}", pseudonymiser, context, logger);
        return GsmSerialAdapter.ForPort(sensor, options, handler, context, logger);
    }

    private static GsmAdapter Build(IPEndPoint endpoint, GsmOptions options, List<LinkSensor> sensors, Pseudonymiser pseudonymiser, AdapterContext context)
    {
        var logger = context.LoggerFactory.CreateLogger<GsmAdapter>();
        var table = new GsmSensorTable(sensors.Select(s => s.Sensor));
        var handler = BuildHandler(table, options, $"gsm@{endpoint}", pseudonymiser, context, logger);
        return new GsmAdapter(endpoint, options, table, sensors, handler, context, logger);
    }

    private static GsmLineHandler BuildHandler(GsmSensorTable table, GsmOptions options, string source, Pseudonymiser pseudonymiser,
        AdapterContext context, ILogger logger)
    {
        var novelty = new HandsetNoveltyTracker(TimeSpan.FromMinutes(options.NoveltyWindowMinutes), context.Time);
        var badLines = new GsmBadLineReporter(logger, source, context.Time);
        return new GsmLineHandler(table, pseudonymiser, novelty, context.Sink, context.Health, context.Time, badLines,
            TimeSpan.FromSeconds(options.MaxClockSkewSeconds));
    }

    private static GsmOptions Bind(IConfigurationSection section, string keyPrefix)
    {
        var options = new GsmOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationException(keyPrefix, $"a GSM setting has the wrong type ({e.Message})");
        }

        return options;
    }

    private static IPEndPoint ParseEndpoint(string value, string key) =>
        IPEndPoint.TryParse(value ?? string.Empty, out var ep) && value!.Contains(':', StringComparison.Ordinal)
            ? ep
            : throw new ConfigurationException(key, $"expected host:port with a numeric IP address (e.g. 127.0.0.1:4100) but got '{value}'");
}
