using System.Globalization;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>Reads serial-sensor keys from a sensor section; a bad value throws <see cref="ConfigurationException"/> naming <c>{keyPrefix}:{Key}</c>.</summary>
public static class SerialSensorConfig
{
    /// <summary>The required device path.</summary>
    public static string Port(IConfigurationSection section, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(section);
        var port = section["Port"];
        if (string.IsNullOrWhiteSpace(port))
        {
            throw new ConfigurationException($"{keyPrefix}:Port", "is required: the serial device path, e.g. /dev/ttyUSB0");
        }

        if (!port.StartsWith('/'))
        {
            throw new ConfigurationException($"{keyPrefix}:Port", $"must be an absolute device path such as /dev/ttyUSB0, got '{port}'");
        }

        return port;
    }

    /// <summary>
    /// The serial driver (<c>SerialDriver</c>: <c>Tty</c>, the default, or <c>SystemIoPorts</c>; case-insensitive).
    /// </summary>
    public static SerialDriver Driver(IConfigurationSection section, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(section);
        var text = section["SerialDriver"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return SerialDriver.Tty;
        }

        if (!Enum.TryParse<SerialDriver>(text, ignoreCase: true, out var driver) || !Enum.IsDefined(driver) || char.IsAsciiDigit(text.Trim()[0]))
        {
            throw new ConfigurationException($"{keyPrefix}:SerialDriver", $"must be Tty (our termios reader, the default) or SystemIoPorts (System.IO.Ports), got '{text}'");
        }

        return driver;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or the default when absent.</summary>
    public static int WholeNumber(IConfigurationSection section, string keyPrefix, string key, int defaultValue, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(section);
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ConfigurationException($"{keyPrefix}:{key}", $"must be a whole number from {min} to {max}, got '{text}'");
        }

        return value;
    }

    /// <summary>A number in (0, <paramref name="max"/>], or the default when absent.</summary>
    public static double PositiveNumber(IConfigurationSection section, string keyPrefix, string key, double defaultValue, double max)
    {
        ArgumentNullException.ThrowIfNull(section);
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || value > max)
        {
            throw new ConfigurationException($"{keyPrefix}:{key}", $"must be a number above 0 and at most {max}, got '{text}'");
        }

        return value;
    }
}
