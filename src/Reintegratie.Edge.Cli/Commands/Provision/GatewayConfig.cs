using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reintegratie.Edge.Cli.Commands.Provision;

/// <summary>Fills a configuration template with one gateway's identity, broker and file locations.</summary>
public static class GatewayConfig
{
    /// <summary>Where the installed gateway keeps its TLS files.</summary>
    public const string TlsDirectory = "/etc/reintegratie-edge/tls";

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>Returns the template with <c>Mqtt</c>, <c>Privacy</c> and <c>Journal</c> set for the gateway.</summary>
    /// <exception cref="JsonException">The template is not a JSON object.</exception>
    public static string Fill(string templateJson, string site, string gateway, BrokerAddress broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var root = JsonNode.Parse(templateJson, documentOptions: new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        }) as JsonObject ?? throw new JsonException("the configuration template must be a JSON object");

        var mqtt = Section(root, "Mqtt");
        mqtt["Host"] = broker.Host;
        mqtt["Port"] = broker.Port;
        mqtt["Site"] = site;
        mqtt["Gateway"] = gateway;
        mqtt["AllowInsecure"] = false;
        mqtt["Prefix"] ??= "pi-edge";
        var tls = Section(mqtt, "Tls");
        tls["CaFile"] = $"{TlsDirectory}/ca.crt";
        tls["CertFile"] = $"{TlsDirectory}/client.crt";
        tls["KeyFile"] = $"{TlsDirectory}/client.key";

        var privacy = Section(root, "Privacy");
        privacy["KeyFile"] = "/etc/reintegratie-edge/privacy.key";
        var journal = Section(root, "Journal");
        journal["Path"] ??= "/var/lib/reintegratie-edge/journal.db";
        return root.ToJsonString(s_indented) + "\n";
    }

    private static JsonObject Section(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    /// <summary>
    /// The certificate names (<c>CertificateName</c>, else <c>Id</c>) of the sensors that connect over the network:
    /// SAPIENT nodes and GSM umbrellas without a serial <c>Port</c>.
    /// </summary>
    public static IReadOnlyList<string> NetworkSensorNames(string configJson)
    {
        var sensors = JsonNode.Parse(configJson)?["Site"]?["Sensors"] as JsonArray ?? [];
        var names = new List<string>();
        foreach (var sensor in sensors.OfType<JsonObject>())
        {
            var family = sensor["Family"]?.GetValue<string>() ?? string.Empty;
            var network = family.Equals("Sapient", StringComparison.OrdinalIgnoreCase)
                || (family.Equals("Gsm", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(sensor["Port"]?.GetValue<string>()));
            if (network && (sensor["CertificateName"] ?? sensor["Id"])?.GetValue<string>() is { Length: > 0 } name
                && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
