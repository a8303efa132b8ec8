using System.Globalization;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>Reads the keys of the capture formats: <c>pcap</c> (<c>Capture</c> or <c>Interface</c>, <c>Channels</c>, <c>DwellMs</c>) and <c>hci</c> (<c>Interface</c>).</summary>
internal static class RemoteIdCaptureKeys
{
    public static RemoteIdOptions Read(IConfigurationSection section, string keyPrefix, RemoteIdFormat format)
    {
        var options = new RemoteIdOptions
        {
            Format = format,
            StaleTrackSeconds = SerialSensorConfig.PositiveNumber(section, keyPrefix, "StaleTrackSeconds", 30, 3600),
        };
        var capture = section["Capture"];
        var iface = section["Interface"]?.Trim() ?? string.Empty;
        if (format == RemoteIdFormat.Hci)
        {
            if (HciDevice(iface) < 0)
            {
                throw new ConfigurationException($"{keyPrefix}:Interface", $"Format hci needs a Bluetooth controller hci0, hci1, ..., got '{iface}'");
            }

            options.Interface = iface;
            options.CaptureSocket = Socket(section, keyPrefix, iface);
            return options;
        }

        if (iface.Length > 0)
        {
            if (!string.IsNullOrWhiteSpace(capture))
            {
                throw new ConfigurationException($"{keyPrefix}:Capture", "Format pcap takes either Capture (a file) or Interface (live), not both");
            }

            if (iface.Length > 15 || iface.Contains('/', StringComparison.Ordinal) || iface.Any(char.IsWhiteSpace))
            {
                throw new ConfigurationException($"{keyPrefix}:Interface", $"must be a network interface name (at most 15 characters, e.g. wlan1), got '{iface}'");
            }

            options.Interface = iface;
            options.Channels = Channels(section["Channels"], $"{keyPrefix}:Channels");
            options.Dwell = TimeSpan.FromMilliseconds(SerialSensorConfig.WholeNumber(section, keyPrefix, "DwellMs", 250, 20, 60_000));
            options.CaptureSocket = Socket(section, keyPrefix, iface);
            return options;
        }

        if (string.IsNullOrWhiteSpace(capture) || !Path.IsPathFullyQualified(capture))
        {
            throw new ConfigurationException($"{keyPrefix}:Capture", $"Format pcap needs the absolute path of a pcap or pcapng file (or Interface for a live capture), got '{capture}'");
        }

        options.Capture = capture;
        return options;
    }

    /// <summary>The relay socket of a live source (key <c>CaptureSocket</c>, an absolute path).</summary>
    private static string Socket(IConfigurationSection section, string keyPrefix, string iface)
    {
        var path = section["CaptureSocket"]?.Trim();
        if (string.IsNullOrEmpty(path))
        {
            return $"/run/reintegratie-edge/capture-{iface}.sock";
        }

        // sockaddr_un holds 107 path bytes and a terminating zero [unix(7)].
        if (!Path.IsPathFullyQualified(path) || System.Text.Encoding.UTF8.GetByteCount(path) > 107)
        {
            throw new ConfigurationException($"{keyPrefix}:CaptureSocket", $"must be an absolute path of at most 107 bytes, got '{path}'");
        }

        return path;
    }

    /// <summary>N of hciN; -1 when <paramref name="name"/> is not that.</summary>
    public static int HciDevice(string name) =>
        name.StartsWith("hci", StringComparison.Ordinal) && int.TryParse(name.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < 64 ? n : -1;

    private static int[] Channels(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [.. RemoteIdOptions.DefaultChannels];
        }

        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return []; // the interface is tuned elsewhere; no CAP_NET_ADMIN needed
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var channels = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            // 2.4 GHz 1-14, 5 GHz 32-177 [IEEE 802.11-2020 Annex E]
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out channels[i]) || channels[i] is < 1 or > 177)
            {
                throw new ConfigurationException(key, $"must be comma-separated Wi-Fi channel numbers (e.g. 6,149) or none, got '{text}'");
            }
        }

        return channels;
    }
}
