using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>Remote ID receiver keys in its sensor section (<c>Site:Sensors:N</c>).</summary>
public sealed class RemoteIdOptions
{
    /// <summary>Default baud rate of the receiver (115200 8N1).</summary>
    public const int DefaultBaud = 115200;

    /// <summary>The keys <see cref="Read"/> reads from a sensor section (besides the common sensor keys).</summary>
    public static IReadOnlyList<string> Keys { get; } = ["Format", "Capture", "Port", "Baud", "SerialDriver", "StaleTrackSeconds", "MaxLineBytes", "NewTracksPerSecond", "NewTrackBurst", "RangeM", "Interface", "Channels", "DwellMs", "CaptureSocket"];

    /// <summary>Default channels a live Wi-Fi capture hops between (key <c>Channels</c>).</summary>
    public static IReadOnlyList<int> DefaultChannels { get; } = [6, 149];

    /// <summary>Default rate of new tracks per receiver (key <c>NewTracksPerSecond</c>).</summary>
    public const double DefaultNewTracksPerSecond = 5;

    /// <summary>Default burst of new tracks per receiver (key <c>NewTrackBurst</c>).</summary>
    public const int DefaultNewTrackBurst = 20;

    /// <summary>What the receiver sends (key <c>Format</c>: <c>line</c>, the default, <c>mavlink</c>, <c>pcap</c> or <c>hci</c>).</summary>
    public RemoteIdFormat Format { get; set; } = RemoteIdFormat.Line;

    /// <summary>The capture file for <see cref="RemoteIdFormat.Pcap"/> (key <c>Capture</c>, an absolute path).</summary>
    public string Capture { get; set; } = string.Empty;

    /// <summary>
    /// The live interface (key <c>Interface</c>): a monitor-mode Wi-Fi interface for <c>pcap</c> (instead of
    /// <c>Capture</c>), or a Bluetooth controller <c>hciN</c> for <c>hci</c>.
    /// </summary>
    public string Interface { get; set; } = string.Empty;

    /// <summary>
    /// The unix socket on which the capture unit of a live source hands its packets to the gateway (key
    /// <c>CaptureSocket</c>, an absolute path; default <c>/run/reintegratie-edge/capture-IF.sock</c>).
    /// </summary>
    public string CaptureSocket { get; set; } = string.Empty;

    /// <summary>Channels a live Wi-Fi capture hops between (key <c>Channels</c>, comma-separated; <c>none</c>: leave it).</summary>
    public IReadOnlyList<int> Channels { get; set; } = DefaultChannels;

    /// <summary>Time on each channel (key <c>DwellMs</c>, default 250).</summary>
    public TimeSpan Dwell { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Serial device path (required for the serial formats).</summary>
    public string Port { get; set; } = string.Empty;

    /// <summary>Baud rate.</summary>
    public int Baud { get; set; } = DefaultBaud;

    /// <summary>Which code reads the port (key <c>SerialDriver</c>).</summary>
    public SerialDriver Driver { get; set; } = SerialDriver.Tty;

    /// <summary>A track without messages for this long is dropped.</summary>
    public double StaleTrackSeconds { get; set; } = 30;

    /// <summary>Longest accepted line; a full 9-message pack line needs about 500.</summary>
    public int MaxLineBytes { get; set; } = 512;

    /// <summary>New tracks (new UAS ids or MACs) the receiver may open per second; beyond, they fold into one flood track.</summary>
    public double NewTracksPerSecond { get; set; } = DefaultNewTracksPerSecond;

    /// <summary>New tracks the receiver may open at once (the token bucket's size).</summary>
    public int NewTrackBurst { get; set; } = DefaultNewTrackBurst;

    /// <summary>
    /// How far the receiver hears a drone, in metres (key <c>RangeM</c>; 0, the default: unknown). With the sensor's
    /// <c>Position</c> it takes part in the "heard by only one receiver" check when two or more receivers do.
    /// </summary>
    public double RangeM { get; set; }

    /// <summary>The site's receiver coverage, shared by its receivers; set by <see cref="RemoteIdAdapterFactory"/>.</summary>
    public RemoteIdCoverage? Coverage { get; set; }

    /// <summary>A new-track budget for one receiver from these settings.</summary>
    public NewTrackBudget CreateBudget() => new(NewTracksPerSecond, NewTrackBurst);

    /// <summary>Reads and checks the keys; throws <see cref="Core.Site.ConfigurationException"/> naming <c>{keyPrefix}:Key</c>.</summary>
    public static RemoteIdOptions Read(IConfigurationSection section, string keyPrefix)
    {
        var format = ReadFormat(section, keyPrefix);
        var options = format is RemoteIdFormat.Pcap or RemoteIdFormat.Hci
            ? RemoteIdCaptureKeys.Read(section, keyPrefix, format)
            : ReadSerial(section, keyPrefix, format);
        options.NewTracksPerSecond = SerialSensorConfig.PositiveNumber(section, keyPrefix, "NewTracksPerSecond", DefaultNewTracksPerSecond, 10_000);
        options.NewTrackBurst = SerialSensorConfig.WholeNumber(section, keyPrefix, "NewTrackBurst", DefaultNewTrackBurst, 1, 10_000);
        options.RangeM = string.IsNullOrWhiteSpace(section["RangeM"]) ? 0 : SerialSensorConfig.PositiveNumber(section, keyPrefix, "RangeM", 0, 50_000);
        return options;
    }

    private static RemoteIdOptions ReadSerial(IConfigurationSection section, string keyPrefix, RemoteIdFormat format) => new()
    {
        Format = format,
        Port = SerialSensorConfig.Port(section, keyPrefix),
        Baud = SerialSensorConfig.WholeNumber(section, keyPrefix, "Baud", DefaultBaud, 1200, 4_000_000),
        Driver = SerialSensorConfig.Driver(section, keyPrefix),
        StaleTrackSeconds = SerialSensorConfig.PositiveNumber(section, keyPrefix, "StaleTrackSeconds", 30, 3600),
        MaxLineBytes = SerialSensorConfig.WholeNumber(section, keyPrefix, "MaxLineBytes", 512, 64, 65536),
    };

    private static RemoteIdFormat ReadFormat(IConfigurationSection section, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(section);
        var text = section["Format"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return RemoteIdFormat.Line;
        }

        if (!Enum.TryParse<RemoteIdFormat>(text, ignoreCase: true, out var format) || !Enum.IsDefined(format) || char.IsAsciiDigit(text.Trim()[0]))
        {
            throw new Core.Site.ConfigurationException($"{keyPrefix}:Format", $"must be line (RID lines, the default), mavlink (MAVLink 2 Open Drone ID), pcap (a capture file or a live Wi-Fi interface) or hci (a Bluetooth controller), got '{text}'");
        }

        return format;
    }

    /// <summary>The serial reader settings.</summary>
    public SerialLineReaderOptions ToReaderOptions() => new() { Port = Port, Baud = Baud, Driver = Driver, MaxLineBytes = MaxLineBytes };
}
