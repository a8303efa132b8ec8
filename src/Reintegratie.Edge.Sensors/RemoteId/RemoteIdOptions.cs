using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>Remote ID receiver keys in its sensor section (<c>Site:Sensors:N</c>).</summary>
public sealed class RemoteIdOptions
{
    /// <summary>Default baud rate of the receiver (115200 8N1).</summary>
    public const int DefaultBaud = 115200;

    /// <summary>The keys <see cref="Read"/> reads from a sensor section (besides the common sensor keys).</summary>
    public static IReadOnlyList<string> Keys { get; } = ["Port", "Baud", "SerialDriver", "StaleTrackSeconds", "MaxLineBytes"];

    /// <summary>Serial device path (required).</summary>
    public string Port { get; set; } = string.Empty;

    /// <summary>Baud rate.</summary>
    public int Baud { get; set; } = DefaultBaud;

    /// <summary>Which code reads the port (key <c>SerialDriver</c>).</summary>
    public SerialDriver Driver { get; set; } = SerialDriver.Tty;

    /// <summary>A track without messages for this long is dropped.</summary>
    public double StaleTrackSeconds { get; set; } = 30;

    /// <summary>Longest accepted line; a full 9-message pack line needs about 500.</summary>
    public int MaxLineBytes { get; set; } = 512;

    /// <summary>Reads and checks the keys; throws <see cref="Core.Site.ConfigurationException"/> naming <c>{keyPrefix}:Key</c>.</summary>
    public static RemoteIdOptions Read(IConfigurationSection section, string keyPrefix) => new()
    {
        Port = SerialSensorConfig.Port(section, keyPrefix),
        Baud = SerialSensorConfig.WholeNumber(section, keyPrefix, "Baud", DefaultBaud, 1200, 4_000_000),
        Driver = SerialSensorConfig.Driver(section, keyPrefix),
        StaleTrackSeconds = SerialSensorConfig.PositiveNumber(section, keyPrefix, "StaleTrackSeconds", 30, 3600),
        MaxLineBytes = SerialSensorConfig.WholeNumber(section, keyPrefix, "MaxLineBytes", 512, 64, 65536),
    };

    /// <summary>The serial reader settings.</summary>
    public SerialLineReaderOptions ToReaderOptions() => new() { Port = Port, Baud = Baud, Driver = Driver, MaxLineBytes = MaxLineBytes };
}
