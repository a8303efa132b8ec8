using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reintegratie.Edge.Cli.Commands.Cmd;

/// <summary>
/// <c>edgectl cmd keygen --id ID [--out DIR] [--verbs ack,bypass,resync]</c>: makes an ECDSA P-256 key pair for one
/// operator or console (<c>ID.key.pem</c>, private, mode 0600; <c>ID.pub.pem</c>) and prints the gateway configuration
/// that authorises it (<c>Mqtt:Commands:Keys:ID</c>).
/// </summary>
public sealed class CmdKeygenCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["cmd", "keygen"];

    /// <inheritdoc />
    public string Summary => "cmd keygen --id ID [--out DIR] [--verbs ack,bypass,resync]   make a command signing key pair and its gateway configuration";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = CliArgs.Parse(args, ["id", "out", "verbs"]);
        var id = options.Required("id");
        if (id.Length is 0 or > 64 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@')))
        {
            throw new CliUsageException("--id: 1..64 of A-Z a-z 0-9 - _ . @");
        }

        var directory = options.Value("out") ?? ".";
        var verbs = (options.Value("verbs") ?? "ack").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var privatePath = System.IO.Path.Combine(directory, id + ".key.pem");
        if (File.Exists(privatePath))
        {
            await console.Error.WriteLineAsync($"edgectl cmd keygen: {privatePath} exists; not overwritten").ConfigureAwait(false);
            return 1;
        }

        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var writer = new StreamWriter(privatePath, fileOptions))
        {
            await writer.WriteAsync(key.ExportPkcs8PrivateKeyPem()).ConfigureAwait(false);
        }

        var publicPath = System.IO.Path.Combine(directory, id + ".pub.pem");
        await File.WriteAllTextAsync(publicPath, key.ExportSubjectPublicKeyInfoPem(), cancellationToken).ConfigureAwait(false);
        var snippet = new JsonObject
        {
            ["Mqtt"] = new JsonObject
            {
                ["Commands"] = new JsonObject
                {
                    ["Keys"] = new JsonObject
                    {
                        [id] = new JsonObject
                        {
                            ["PublicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
                            ["Verbs"] = new JsonArray([.. verbs.Select(v => (JsonNode?)v)]),
                        },
                    },
                },
            },
        };
        await console.Error.WriteLineAsync($"wrote {privatePath} (keep it secret) and {publicPath}; add this to the gateway configuration:").ConfigureAwait(false);
        await console.Out.WriteLineAsync(snippet.ToJsonString(s_indented)).ConfigureAwait(false);
        return 0;
    }

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };
}
