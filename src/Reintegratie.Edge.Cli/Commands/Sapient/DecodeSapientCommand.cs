using System.Globalization;
using Reintegratie.Edge.Sensors.Sapient;

namespace Reintegratie.Edge.Cli.Commands.Sapient;

/// <summary>
/// <c>edgectl decode sapient FILE|- [--hex]</c>: decodes length-prefixed SAPIENT frames (4-byte little-endian
/// length + SapientMessage) and prints each as one line of protobuf JSON. <c>-</c> reads raw bytes from standard
/// input; <c>--hex</c> reads the input as hex text instead. Bad or trailing bytes: exit 1 with the reason.
/// </summary>
public sealed class DecodeSapientCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["decode", "sapient"];

    /// <inheritdoc />
    public string Summary => "decode sapient FILE|- [--hex] [--max-frame-bytes N]   SAPIENT frames to JSON lines";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var parsed = CliArgs.Parse(args, ["max-frame-bytes"], ["hex"]);
        if (parsed.Positionals.Count != 1)
        {
            throw new CliUsageException("usage: edgectl decode sapient FILE|- [--hex]");
        }

        var max = SapientFraming.DefaultMaxFrameBytes;
        if (parsed.Value("max-frame-bytes") is { } m && (!int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max < 1))
        {
            throw new CliUsageException($"--max-frame-bytes: expected a positive integer, got '{m}'");
        }

        byte[] data;
        try
        {
            data = await ReadInputAsync(parsed.Positionals[0], parsed.Flag("hex"), console, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            await console.Error.WriteLineAsync($"cannot read input: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return 1;
        }

        var offset = 0;
        var frames = 0;
        while (offset < data.Length)
        {
            if (!SapientFraming.TryDecode(data.AsSpan(offset), max, out var message, out var used, out var error))
            {
                var why = error ?? $"{data.Length - offset} bytes left, not a whole frame";
                await console.Error.WriteLineAsync($"frame {frames + 1} at byte {offset}: {why}").ConfigureAwait(false);
                return 1;
            }

            string json;
            try
            {
                json = SapientJson.Format(message!);
            }
            catch (SapientFormatException e)
            {
                await console.Error.WriteLineAsync($"frame {frames + 1} at byte {offset}: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
                return 1;
            }

            await console.Out.WriteLineAsync(json).ConfigureAwait(false);
            offset += used;
            frames++;
        }

        if (frames == 0)
        {
            await console.Error.WriteLineAsync("no frame in the input").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    private static async Task<byte[]> ReadInputAsync(string source, bool hex, CliConsole console, CancellationToken cancellationToken)
    {
        if (hex)
        {
            var text = source == "-"
                ? await console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false)
                : await File.ReadAllTextAsync(source, cancellationToken).ConfigureAwait(false);
            return Convert.FromHexString(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
        }

        if (source != "-")
        {
            return await File.ReadAllBytesAsync(source, cancellationToken).ConfigureAwait(false);
        }

        using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        await stdin.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
