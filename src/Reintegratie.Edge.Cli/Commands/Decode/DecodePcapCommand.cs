using System.Text;
using System.Text.Json;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RemoteId.Capture;

namespace Reintegratie.Edge.Cli.Commands.Decode;

/// <summary>
/// <c>edgectl decode pcap FILE</c>: reads a pcap or pcapng capture (802.11 with or without radiotap, Bluetooth LE link
/// layer with or without pseudo-header, HCI) and prints one JSON line per Remote ID frame: time, transport, MAC, RSSI,
/// message counter and the frame as <c>edgectl decode odid</c> prints it. Packets whose FCS or CRC fails are counted,
/// not decoded; the counts go to standard error. Exit 0 when the file was read, 1 when it is not a capture.
/// </summary>
public sealed class DecodePcapCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["decode", "pcap"];

    /// <inheritdoc />
    public string Summary => "decode pcap <FILE> [--null-unknown]  Remote ID frames in a pcap/pcapng capture, one JSON line each";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var parsed = CliArgs.Parse(args, [], ["null-unknown"]);
        if (parsed.Positionals.Count != 1)
        {
            throw new CliUsageException("expected one capture FILE");
        }

        var style = parsed.Flag("null-unknown") ? OdidJsonStyle.UnknownAsNull : OdidJsonStyle.Reference;
        var counters = new CaptureCounters();
        var lines = new List<string>();
        try
        {
            await using var file = File.OpenRead(parsed.Positionals[0]);
            Decode(new CaptureFileReader(file), style, counters, lines);
        }
        catch (Exception ex) when (ex is CaptureFormatException or IOException or UnauthorizedAccessException)
        {
            foreach (var line in lines)
            {
                await console.Out.WriteLineAsync(line).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync($"edgectl decode pcap: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        foreach (var line in lines)
        {
            await console.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        await console.Error.WriteLineAsync($"edgectl decode pcap: {counters}").ConfigureAwait(false);
        return 0;
    }

    private static void Decode(CaptureFileReader reader, OdidJsonStyle style, CaptureCounters counters, List<string> lines)
    {
        using var buffer = new MemoryStream();
        while (reader.TryRead(out var packet))
        {
            var result = RemoteIdCaptureDecoder.DecodeFrame(packet.LinkType, packet.Data, out var rid, out var frame, out _);
            counters.Count(result);
            if (result != CaptureDecodeResult.RemoteId)
            {
                continue;
            }

            buffer.SetLength(0);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                CaptureJsonWriter.Write(writer, packet.Timestamp, rid, frame, style);
            }

            lines.Add(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
    }
}
