using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Privacy;

namespace Reintegratie.Edge.Sensors.Bodycam;

/// <summary>
/// Creates one <see cref="BodycamAdapter"/> per bodycam sensor (one drop folder each). Needs the
/// <see cref="Pseudonymiser"/> as <see cref="AdapterContext.Privacy"/>.
/// </summary>
public sealed class BodycamAdapterFactory : ISensorAdapterFactory
{
    /// <inheritdoc />
    public SensorFamily Family => SensorFamily.Bodycam;

    /// <inheritdoc />
    public void Validate(IConfigurationSection section, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(section);
        var options = Bind(section, keyPrefix);
        if (string.IsNullOrWhiteSpace(options.DropFolder))
        {
            throw new ConfigurationException($"{keyPrefix}:DropFolder", "a bodycam sensor needs the drop folder the docking system writes to");
        }

        if (!(options.RescanSeconds >= 1))
        {
            throw new ConfigurationException($"{keyPrefix}:RescanSeconds", "must be at least 1 second");
        }

        if (!(options.StallSeconds >= 5) || !(options.StallSeconds > 2 * options.RescanSeconds))
        {
            throw new ConfigurationException($"{keyPrefix}:StallSeconds", "must be at least 5 seconds and more than twice RescanSeconds");
        }

        if (!(options.StableMs >= 10))
        {
            throw new ConfigurationException($"{keyPrefix}:StableMs", "must be at least 10 ms");
        }

        if (options.MaxSidecarBytes is < 1024 or > 16 << 20)
        {
            throw new ConfigurationException($"{keyPrefix}:MaxSidecarBytes", $"must be 1024-16777216 but is {options.MaxSidecarBytes}");
        }

        var drop = Path.GetFullPath(options.DropFolder);
        if (Path.GetFullPath(options.ResolvedProcessedFolder) == drop || Path.GetFullPath(options.ResolvedQuarantineFolder) == drop)
        {
            throw new ConfigurationException($"{keyPrefix}:ProcessedFolder", "processed and quarantine folders must differ from the drop folder");
        }
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
            throw new ConfigurationException($"{PrivacyOptions.Section}:KeyFile", "bodycam sensors need a pseudonymisation key but none is loaded");
        }

        var adapters = new List<ISensorAdapter>(sensors.Count);
        foreach (var (section, sensor) in sensors)
        {
            Validate(section, section.Path);
            var options = Bind(section, section.Path);
            var units = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (unit, zoneId) in options.Units)
            {
                var zone = context.Site.ZoneIndexOf(zoneId);
                if (zone < 0)
                {
                    throw new ConfigurationException($"{section.Path}:Units:{unit}", $"unknown zone '{zoneId}'");
                }

                units[unit] = zone;
            }

            adapters.Add(new BodycamAdapter(sensor, options, units, pseudonymiser, context));
        }

        return adapters;
    }

    private static BodycamOptions Bind(IConfigurationSection section, string keyPrefix)
    {
        var options = new BodycamOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationException(keyPrefix, $"a bodycam setting has the wrong type ({e.Message})");
        }

        return options;
    }
}
