using System.Text;
using System.Text.Json;
using Reintegratie.Edge.Hub.Operators;

namespace Reintegratie.Edge.Cli.Commands.Hub;

/// <summary>
/// <c>edgectl hub user keys [--format json|pem] [--db CONN]</c>: every console operator's command key, for the gateways'
/// key list (docs/HUB.md "Console"). <c>json</c> (default) is a configuration file fragment
/// (<c>{"Mqtt":{"Commands":{"Keys":{NAME:{"PublicKey":…,"Verbs":["ack"]}}}}}</c>) a technician drops into
/// <c>/etc/reintegratie-edge/</c>; <c>pem</c> lists each key id with its public key as PEM. Operators without a key
/// (accounts made before per-operator keys) are named on standard error: <c>hub user add</c> gives them one.
/// </summary>
public sealed class HubUserKeysCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["hub", "user", "keys"];

    /// <inheritdoc />
    public string Summary => "hub user keys [--format json|pem] [--db CONN]   every operator's command key for the gateways' Mqtt:Commands:Keys";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = CliArgs.Parse(args, ["db", "format"]);
        var format = options.Value("format") ?? "json";
        if (format is not ("json" or "pem"))
        {
            throw new CliUsageException("--format: json or pem");
        }

        await using var source = HubDatabase.Open(options);
        List<(string Name, string? PublicKey)> operators;
        try
        {
            operators = await new OperatorStore(source, TimeProvider.System).KeysAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await console.Error.WriteLineAsync($"edgectl hub user keys: {ex.Message} (has the hub run its migrations?)").ConfigureAwait(false);
            return 1;
        }

        var keys = operators.Where(o => o.PublicKey is not null).Select(o => (o.Name, Der: Convert.FromBase64String(o.PublicKey!))).ToList();
        await console.Out.WriteAsync(format == "json" ? Json(keys) : Pem(keys)).ConfigureAwait(false);
        foreach (var (name, _) in operators.Where(o => o.PublicKey is null))
        {
            await console.Error.WriteLineAsync($"edgectl hub user keys: operator {name} has no command key (signs with the console key); `edgectl hub user add {name}` gives one").ConfigureAwait(false);
        }

        return 0;
    }

    private static string Json(List<(string Name, byte[] Der)> keys)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("Mqtt");
            json.WriteStartObject("Commands");
            json.WriteStartObject("Keys");
            foreach (var (name, der) in keys)
            {
                json.WriteStartObject(name);
                json.WriteString("PublicKey", new string(System.Security.Cryptography.PemEncoding.Write("PUBLIC KEY", der)));
                json.WriteStartArray("Verbs");
                json.WriteStringValue("ack"); // an operator key acknowledges only (docs/HUB.md)
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string Pem(List<(string Name, byte[] Der)> keys)
    {
        var text = new StringBuilder();
        foreach (var (name, der) in keys)
        {
            text.Append("# key id ").Append(name).Append(", verbs: ack\n");
            text.Append(System.Security.Cryptography.PemEncoding.Write("PUBLIC KEY", der)).Append('\n');
        }

        return text.ToString();
    }
}
