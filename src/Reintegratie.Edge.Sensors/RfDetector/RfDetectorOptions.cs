using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RfDetector;

/// <summary>RF detector keys in its sensor section (<c>Site:Sensors:N</c>).</summary>
public sealed class RfDetectorOptions
{
    /// <summary>The keys <see cref="Read"/> reads from a sensor section (besides the common sensor keys).</summary>
    public static IReadOnlyList<string> Keys { get; } = ["Port", "Baud", "SerialDriver", "MaxLineBytes"];

    /// <summary>Default baud rate (38400 8N1, common for NMEA instruments faster than 4800).</summary>
    public const int DefaultBaud = 38400;

    /// <summary>Serial device path (required).</summary>
    public string Port { get; set; } = string.Empty;

    /// <summary>Baud rate.</summary>
    public int Baud { get; set; } = DefaultBaud;

    /// <summary>Which code reads the port (key <c>SerialDriver</c>).</summary>
    public SerialDriver Driver { get; set; } = SerialDriver.Tty;

    /// <summary>Longest accepted line (NMEA allows 82 characters; longer lines are malformed anyway).</summary>
    public int MaxLineBytes { get; set; } = 128;

    /// <summary>Reads and checks the keys; throws <see cref="Core.Site.ConfigurationException"/> naming <c>{keyPrefix}:Key</c>.</summary>
    public static RfDetectorOptions Read(IConfigurationSection section, string keyPrefix) => new()
    {
        Port = SerialSensorConfig.Port(section, keyPrefix),
        Baud = SerialSensorConfig.WholeNumber(section, keyPrefix, "Baud", DefaultBaud, 1200, 4_000_000),
        Driver = SerialSensorConfig.Driver(section, keyPrefix),
        MaxLineBytes = SerialSensorConfig.WholeNumber(section, keyPrefix, "MaxLineBytes", 128, 82, 65536),
    };

    /// <summary>The serial reader settings.</summary>
    public SerialLineReaderOptions ToReaderOptions() => new() { Port = Port, Baud = Baud, Driver = Driver, MaxLineBytes = MaxLineBytes };
}
