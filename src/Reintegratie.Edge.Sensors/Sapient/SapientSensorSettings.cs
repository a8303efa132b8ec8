using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// The SAPIENT keys of one sensor entry (<c>Site:Sensors:N</c>): <c>Listen</c> (host:port the gateway listens on;
/// entries with the same value share one listener), <c>NodeId</c> (the node's UUID from its Registration) and
/// <c>MaxFrameBytes</c> (largest accepted frame payload).
/// </summary>
/// <param name="Listen">Endpoint to listen on.</param>
/// <param name="NodeId">The node's UUID.</param>
/// <param name="MaxFrameBytes">Largest accepted payload.</param>
public sealed record SapientSensorSettings(IPEndPoint Listen, Guid NodeId, int MaxFrameBytes)
{
    /// <summary>The keys <see cref="Read"/> reads from a sensor section (besides the common sensor keys).</summary>
    public static IReadOnlyList<string> Keys { get; } = ["Listen", "NodeId", "MaxFrameBytes"];

    /// <summary>Default listen address.</summary>
    public const string DefaultListen = "0.0.0.0:5020";

    /// <summary>Smallest configurable frame limit (a heartbeat is about 60 bytes).</summary>
    public const int MinFrameBytes = 256;

    /// <summary>Largest configurable frame limit (64 MiB).</summary>
    public const int MaxFrameLimit = 64 << 20;

    /// <summary>Reads and checks the keys; a bad value throws <see cref="ConfigurationException"/> naming the key.</summary>
    public static SapientSensorSettings Read(IConfigurationSection section, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(section);
        var listenText = section["Listen"] ?? DefaultListen;
        if (!IPEndPoint.TryParse(listenText, out var listen) || listen.Port == 0 && !listenText.EndsWith(":0", StringComparison.Ordinal))
        {
            throw new ConfigurationException($"{keyPrefix}:Listen", $"expected host:port (e.g. {DefaultListen}), got '{listenText}'");
        }

        var nodeText = section["NodeId"];
        if (nodeText is null || !SapientIds.IsUuid(nodeText))
        {
            throw new ConfigurationException($"{keyPrefix}:NodeId", $"expected the node's UUID (8-4-4-4-12 hex), got '{nodeText}'");
        }

        var max = SapientFraming.DefaultMaxFrameBytes;
        if (section["MaxFrameBytes"] is { } maxText
            && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max < MinFrameBytes || max > MaxFrameLimit))
        {
            throw new ConfigurationException($"{keyPrefix}:MaxFrameBytes", $"expected {MinFrameBytes}..{MaxFrameLimit}, got '{maxText}'");
        }

        return new SapientSensorSettings(listen, Guid.ParseExact(nodeText, "D"), max);
    }
}
