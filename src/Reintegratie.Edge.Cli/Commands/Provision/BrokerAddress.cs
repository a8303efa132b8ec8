using System.Globalization;

namespace Reintegratie.Edge.Cli.Commands.Provision;

/// <summary>A broker address <c>host:port</c> (IPv6 as <c>[::1]:8883</c>).</summary>
/// <param name="Host">Host name or address, without brackets.</param>
/// <param name="Port">TCP port 1..65535.</param>
public sealed record BrokerAddress(string Host, int Port)
{
    /// <summary>Parses <c>host:port</c>; false with a reason on anything else.</summary>
    public static bool TryParse(string? text, out BrokerAddress? address, out string reason)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "expected HOST:PORT but got nothing";
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            reason = $"expected HOST:PORT (e.g. biv-mqtt.example:8883) but got '{text}'";
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            reason = $"an IPv6 broker address needs brackets, e.g. [{host}]:8883, but got '{text}'";
            return false;
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '#' or '+'))
        {
            reason = $"'{host}' is not a host name or address";
            return false;
        }

        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            reason = $"port must be a number 1..65535 but got '{text[(colon + 1)..]}'";
            return false;
        }

        address = new BrokerAddress(host, port);
        reason = string.Empty;
        return true;
    }
}
