using System.Globalization;

namespace Reintegratie.Edge.Mqtt.Configuration;

/// <summary>One broker address the gateway may connect to (<c>Mqtt:Host</c>/<c>Mqtt:Port</c> or an <c>Mqtt:FailoverHosts</c> entry).</summary>
public sealed record BrokerEndpoint(string Host, int Port)
{
    /// <summary>Parses <c>host</c>, <c>host:port</c> or <c>[v6]:port</c>; a missing port takes <paramref name="defaultPort"/>.</summary>
    public static bool TryParse(string text, int defaultPort, out BrokerEndpoint endpoint)
    {
        endpoint = new BrokerEndpoint(string.Empty, 0);
        text = text.Trim();
        string host;
        var port = defaultPort;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 2)
            {
                return false;
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0 && (!rest.StartsWith(':') || !int.TryParse(rest.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out port)))
            {
                return false;
            }
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? text : text[..colon];
            if (colon >= 0 && (text.IndexOf(':', colon + 1) >= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)))
            {
                return false;
            }
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace) || port is < 1 or > 65535)
        {
            return false;
        }

        endpoint = new BrokerEndpoint(host, port);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
