using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RemoteId.Capture;

namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// Packet captures (<c>edgectl decode pcap</c>, <c>Format: pcap</c>): the input is a pcap/pcapng file for
/// <see cref="CaptureFileReader"/>, and each of its first bytes' worth of packets is also decoded under every link type
/// by <see cref="RemoteIdCaptureDecoder"/>. Rejection: <see cref="CaptureFormatException"/> or a counted result.
/// </summary>
internal sealed class CaptureTarget : IFuzzTarget
{
    private static readonly int[] s_linkTypes = [105, 127, 201, 251, 256];

    public string Name => "capture";

    public string Description => "pcap/pcapng file -> CaptureFileReader -> RemoteIdCaptureDecoder (802.11, radiotap, BLE LL, HCI)";

    public void Run(ReadOnlySpan<byte> input)
    {
        foreach (var linkType in s_linkTypes)
        {
            Check(RemoteIdCaptureDecoder.DecodeFrame(linkType, input, out var rid, out _, out _), rid, input.Length);
        }

        try
        {
            var reader = new CaptureFileReader(new MemoryStream(input.ToArray()));
            while (reader.TryRead(out var packet))
            {
                Check(RemoteIdCaptureDecoder.DecodeFrame(packet.LinkType, packet.Data, out var rid, out _, out _), rid, packet.Data.Length);
            }
        }
        catch (CaptureFormatException)
        {
            // a clean rejection
        }
    }

    public void WriteSeeds(SeedSources sources, SeedWriter corpus)
    {
        var dir = Path.Combine(sources.RepositoryRoot, "tests", "vectors", "captures");
        foreach (var file in Directory.EnumerateFiles(dir).Where(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal)))
        {
            corpus.Add(Path.GetFileNameWithoutExtension(file), File.ReadAllBytes(file));
        }
    }

    private static void Check(CaptureDecodeResult result, in RemoteIdCapture rid, int length)
    {
        if (result == CaptureDecodeResult.RemoteId && (rid.Offset < 0 || rid.Length < OdidFrame.MessageSize || rid.Offset + rid.Length > length))
        {
            throw new FuzzContractException($"Remote ID frame at {rid.Offset}+{rid.Length} outside a {length}-byte packet");
        }
    }
}
