using System.Globalization;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>
/// Reads a perimeter input's keys from its configuration section and checks each one; a missing or wrong value throws
/// <see cref="ConfigurationException"/> with the full key path (e.g. <c>Site:Sensors:4:Line</c>).
/// </summary>
public static class PerimeterOptionsReader
{
    /// <summary>The keys <see cref="Read"/> reads from a sensor section (besides the common sensor keys).</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "Driver", "Mode", "Chip", "ActiveLow", "Bias", "DebounceMs", "ChatterPerMinute", "SupervisionSeconds", "Line", "TamperLine",
        "Spi:Bus", "Spi:ChipSelect", "Spi:Channel", "Spi:ClockHz", "Eol:ShortBelow", "Eol:NormalBelow", "Eol:AlarmBelow", "Eol:SampleMs",
    ];

    /// <summary>Highest line offset accepted (the Pi 5's RP1 has 54 user lines; CM4 expanders stay well below this).</summary>
    public const int MaxLine = 511;

    /// <summary>Reads and validates the options of the sensor whose section is <paramref name="section"/>.</summary>
    /// <param name="section">The sensor's section (<c>Site:Sensors:N</c>).</param>
    /// <param name="keyPrefix">The section's path, used in error messages.</param>
    public static PerimeterOptions Read(IConfigurationSection section, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(section);
        var r = new KeyReader(section, keyPrefix);
        var o = new PerimeterOptions
        {
            Driver = r.Choice("Driver", PerimeterDriver.Libgpiod, ("libgpiod", PerimeterDriver.Libgpiod), ("libgpiod2", PerimeterDriver.Libgpiod2), ("simulated", PerimeterDriver.Simulated)),
            Mode = r.Choice("Mode", PerimeterMode.Contact, ("contact", PerimeterMode.Contact), ("dual", PerimeterMode.Dual), ("eol", PerimeterMode.Eol)),
            Chip = r.Int("Chip", 0, 0, 63),
            ActiveLow = r.Bool("ActiveLow", false),
            Bias = r.Choice("Bias", PerimeterBias.PullUp, ("None", PerimeterBias.None), ("PullUp", PerimeterBias.PullUp), ("PullDown", PerimeterBias.PullDown)),
            DebounceMs = r.Int("DebounceMs", 50, 1, 10_000),
            ChatterPerMinute = r.Int("ChatterPerMinute", 30, 1, 10_000),
            SupervisionSeconds = r.Double("SupervisionSeconds", 5, 0.1, 3600),
        };

        if (o.Mode == PerimeterMode.Eol)
        {
            r.Forbid("Line", "eol mode reads the loop through the MCP3008 (Spi:Channel), not a GPIO line");
            r.Forbid("TamperLine", "eol mode supervises the loop itself; TamperLine is only for dual mode");
            ReadEol(r, o);
        }
        else
        {
            o.Line = r.RequiredInt("Line", 0, MaxLine);
            if (o.Mode == PerimeterMode.Dual)
            {
                o.TamperLine = r.RequiredInt("TamperLine", 0, MaxLine);
                if (o.TamperLine == o.Line)
                {
                    throw new ConfigurationException($"{keyPrefix}:TamperLine", $"must differ from Line ({o.Line})");
                }
            }
            else
            {
                r.Forbid("TamperLine", "TamperLine is only used in dual mode (Mode = dual)");
            }

            r.Forbid("Spi", "Spi is only used in eol mode");
            r.Forbid("Eol", "Eol is only used in eol mode");
        }

        return o;
    }

    private static void ReadEol(KeyReader r, PerimeterOptions o)
    {
        o.Spi = new PerimeterSpiOptions
        {
            Bus = r.Int("Spi:Bus", 0, 0, 15),
            ChipSelect = r.Int("Spi:ChipSelect", 0, 0, 15),
            Channel = r.Int("Spi:Channel", 0, 0, 7),
            ClockHz = r.Int("Spi:ClockHz", 1_000_000, 10_000, 3_600_000),
        };
        var d = EolThresholds.Default;
        var shortBelow = r.Int("Eol:ShortBelow", d.ShortBelow, 1, 1022);
        var normalBelow = r.Int("Eol:NormalBelow", d.NormalBelow, 1, 1022);
        var alarmBelow = r.Int("Eol:AlarmBelow", d.AlarmBelow, 1, 1023);
        if (normalBelow <= shortBelow)
        {
            throw new ConfigurationException(r.Key("Eol:NormalBelow"), $"must be above Eol:ShortBelow ({shortBelow}) but is {normalBelow}");
        }

        if (alarmBelow <= normalBelow)
        {
            throw new ConfigurationException(r.Key("Eol:AlarmBelow"), $"must be above Eol:NormalBelow ({normalBelow}) but is {alarmBelow}");
        }

        o.Eol = new EolThresholds(shortBelow, normalBelow, alarmBelow);
        o.EolSampleMs = r.Int("Eol:SampleMs", 100, 10, 10_000);
    }

    private sealed class KeyReader(IConfigurationSection section, string prefix)
    {
        public string Key(string key) => $"{prefix}:{key}";

        public int Int(string key, int fallback, int min, int max) =>
            section[key] is { } text ? ParseInt(key, text, min, max) : fallback;

        public int RequiredInt(string key, int min, int max) =>
            section[key] is { } text
                ? ParseInt(key, text, min, max)
                : throw new ConfigurationException(Key(key), $"is required: an integer from {min} to {max}");

        public double Double(string key, double fallback, double min, double max)
        {
            if (section[key] is not { } text)
            {
                return fallback;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v >= min && v <= max))
            {
                throw new ConfigurationException(Key(key), $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} but is '{text}'");
            }

            return v;
        }

        public bool Bool(string key, bool fallback)
        {
            if (section[key] is not { } text)
            {
                return fallback;
            }

            return bool.TryParse(text, out var v) ? v : throw new ConfigurationException(Key(key), $"must be true or false but is '{text}'");
        }

        public T Choice<T>(string key, T fallback, params (string Name, T Value)[] choices)
        {
            if (section[key] is not { } text)
            {
                return fallback;
            }

            foreach (var (name, value) in choices)
            {
                if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            throw new ConfigurationException(Key(key), $"must be one of {string.Join(", ", choices.Select(c => c.Name))} but is '{text}'");
        }

        public void Forbid(string key, string why)
        {
            var s = section.GetSection(key);
            if (s.Value is not null || s.GetChildren().Any())
            {
                throw new ConfigurationException(Key(key), $"is not allowed here: {why}");
            }
        }

        private int ParseInt(string key, string text, int min, int max) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                ? v
                : throw new ConfigurationException(Key(key), $"must be an integer from {min} to {max} but is '{text}'");
    }
}
