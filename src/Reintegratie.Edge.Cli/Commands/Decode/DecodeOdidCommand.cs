using System.Text;
using System.Text.Json;
using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Cli.Commands.Decode;

/// <summary>
/// <c>edgectl decode odid &lt;HEX&gt;</c>: decodes one ASTM F3411 message or message pack to one JSON object
/// (unknown values as null; <c>--reference</c> writes the reference decoder's placeholders instead).
/// </summary>
public sealed class DecodeOdidCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["decode", "odid"];

    /// <inheritdoc />
    public string Summary => "decode odid <HEX> [--reference]   decode a Remote ID message or pack (ASTM F3411) to JSON";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var parsed = CliArgs.Parse(args, [], ["reference"]);
        if (parsed.Positionals.Count == 0)
        {
            throw new CliUsageException("missing <HEX>");
        }

        // Accept the hex as one word or split by spaces, with an optional 0x prefix.
        var text = string.Concat(parsed.Positionals).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        var bytes = new byte[OdidFrame.MaxFrameSize];
        if (!HexDigits.TryDecode(Encoding.ASCII.GetBytes(text), bytes, out var n, out var error)
            || !OdidFrame.TryParse(bytes.AsSpan(0, n), out _, out error))
        {
            await console.Error.WriteLineAsync($"edgectl decode odid: {error}").ConfigureAwait(false);
            return 1;
        }

        var style = parsed.Flag("reference") ? OdidJsonStyle.Reference : OdidJsonStyle.UnknownAsNull;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            OdidJsonWriter.WriteFrame(writer, OdidFrame.Parse(bytes.AsSpan(0, n)), style);
        }

        await console.Out.WriteLineAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)).ConfigureAwait(false);
        return 0;
    }
}
