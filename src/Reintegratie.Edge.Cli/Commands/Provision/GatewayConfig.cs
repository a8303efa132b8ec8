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
}
