using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Reintegratie.Edge.Mqtt.Commands;

namespace Reintegratie.Edge.Cli.Commands.Cmd;

/// <summary>
/// <c>edgectl cmd ack|bypass|resync --key FILE [--key-id ID] [--root PREFIX/SITE/GATEWAY] [fields] [--publish [--host H] [--port P]]</c>:
/// makes a signed command (so staff never write JSON by hand) and prints it, or publishes it and prints the gateway's reply.
/// </summary>
public abstract class CmdSignCommand : ICliCommand
{
    /// <summary>The root of <c>make run</c>'s gateway (appsettings.json beside the gateway).</summary>
    public const string DefaultRoot = "pi-edge/pi-voorbeeld/gw-1";

    private static readonly string[] s_common = ["key", "key-id", "root", "host", "port", "timeout"];

    /// <summary>The verb.</summary>
    protected abstract string Verb { get; }

    /// <summary>The verb's own options.</summary>
    protected abstract string[] FieldOptions { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Path => ["cmd", Verb];

    /// <inheritdoc />
    public abstract string Summary { get; }

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = CliArgs.Parse(args, [.. s_common, .. FieldOptions], ["publish"]);
        var keyFile = options.Required("key");
        var keyId = options.Value("key-id") ?? KeyIdFromFile(keyFile);
        var root = options.Value("root") ?? DefaultRoot;
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(await File.ReadAllTextAsync(keyFile, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            await console.Error.WriteLineAsync($"edgectl cmd {Verb}: {keyFile}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        var fields = Fields(options, TimeProvider.System.GetUtcNow());
        var correlation = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        if (options.Flag("publish"))
        {
            fields["correlation_id"] = correlation;
        }

        var payload = CommandSigner.Sign(key, keyId, root, Verb, fields, TimeProvider.System.GetUtcNow());
        if (!options.Flag("publish"))
        {
            await console.Out.WriteLineAsync(Encoding.UTF8.GetString(payload)).ConfigureAwait(false);
            return 0;
        }

        var host = options.Value("host") ?? "127.0.0.1";
        var port = options.WholeNumber("port", 1883);
        var timeout = TimeSpan.FromSeconds(options.WholeNumber("timeout", 10));
        var reply = await CommandPublisher.PublishAsync(host, port, root, Verb, correlation, payload, timeout, cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            await console.Error.WriteLineAsync($"edgectl cmd {Verb}: no reply from {root} within {timeout.TotalSeconds:0} s").ConfigureAwait(false);
            return 1;
        }

        await console.Out.WriteLineAsync(reply).ConfigureAwait(false);
        return reply.Contains("\"ok\":true", StringComparison.Ordinal) ? 0 : 1;
    }

    /// <summary>The verb's payload fields from its options.</summary>
    protected abstract Dictionary<string, string> Fields(CliArgs options, DateTimeOffset now);

    /// <summary><c>ops/anna.key.pem</c> → <c>anna</c>.</summary>
    public static string KeyIdFromFile(string file)
    {
        var name = System.IO.Path.GetFileName(file);
        foreach (var suffix in new[] { ".key.pem", ".pem" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    /// <summary>Adds an option's value as a field when given.</summary>
    protected static void Optional(Dictionary<string, string> fields, CliArgs options, string option, string field)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Value(option) is { } value)
        {
            fields[field] = value;
        }
    }

    /// <summary>Invariant text.</summary>
    protected static string Invariant(FormattableString text) => text?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary><c>edgectl cmd ack --key FILE --alert-id ID [--note TEXT]</c>.</summary>
public sealed class CmdAckCommand : CmdSignCommand
{
    /// <inheritdoc />
    protected override string Verb => "ack";

    /// <inheritdoc />
    protected override string[] FieldOptions => ["alert-id", "note", "operator"];

    /// <inheritdoc />
    public override string Summary => "cmd ack --key FILE --alert-id ID [--note TEXT] [--root R] [--publish [--host H --port P]]   signed acknowledgement";

    /// <inheritdoc />
    protected override Dictionary<string, string> Fields(CliArgs options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["alert_id"] = options.Required("alert-id") };
        Optional(fields, options, "note", "note");
        Optional(fields, options, "operator", "operator");
        return fields;
    }
}

/// <summary><c>edgectl cmd bypass --key FILE --zone Z (--until TIME | --hours H) --reason TEXT</c>.</summary>
public sealed class CmdBypassCommand : CmdSignCommand
{
    /// <inheritdoc />
    protected override string Verb => "bypass";

    /// <inheritdoc />
    protected override string[] FieldOptions => ["zone", "until", "hours", "reason"];

    /// <inheritdoc />
    public override string Summary => "cmd bypass --key FILE --zone Z (--until TIME | --hours H) --reason TEXT [--publish ...]   signed maintenance bypass";

    /// <inheritdoc />
    protected override Dictionary<string, string> Fields(CliArgs options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        string until;
        if (options.Value("until") is { } text)
        {
            until = text;
        }
        else if (double.TryParse(options.Required("hours"), NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) && hours > 0)
        {
            until = now.AddHours(hours).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
        else
        {
            throw new CliUsageException("--hours must be a positive number");
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["zone"] = options.Required("zone"),
            ["until"] = until,
            ["reason"] = options.Required("reason"),
        };
    }
}

/// <summary><c>edgectl cmd resync --key FILE</c>.</summary>
public sealed class CmdResyncCommand : CmdSignCommand
{
    /// <inheritdoc />
    protected override string Verb => "resync";

    /// <inheritdoc />
    protected override string[] FieldOptions => [];

    /// <inheritdoc />
    public override string Summary => "cmd resync --key FILE [--root R] [--publish ...]   signed request to republish the present state";

    /// <inheritdoc />
    protected override Dictionary<string, string> Fields(CliArgs options, DateTimeOffset now) => new(StringComparer.Ordinal);
}
