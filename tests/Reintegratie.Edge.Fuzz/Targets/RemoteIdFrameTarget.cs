using System.Buffers;
using System.Text.Json;
using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// The ASTM F3411 frame decoder: <see cref="OdidFrame.TryParse"/>, every message through <see cref="OdidDecoder"/>,
/// the frame as JSON (<c>edgectl decode odid</c>, both styles) and the adapter's track assembler. Rejection:
/// TryParse returning false with a reason.
/// </summary>
internal sealed class RemoteIdFrameTarget : IFuzzTarget
{
    private readonly ArrayBufferWriter<byte> _json = new(4096);
    // Created on first use: the assembler is instrumented code, which must not run before Fuzzer.Run maps afl's coverage memory.
    private RemoteIdTracks? _tracks;

    public string Name => "rid";

    public string Description => "ASTM F3411 message / pack -> OdidFrame.TryParse, OdidDecoder, OdidJsonWriter, track assembler";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (!OdidFrame.TryParse(input, out var frame, out var error))
        {
            if (string.IsNullOrEmpty(error))
            {
                throw new FuzzContractException("OdidFrame rejected a frame without a reason");
            }

            return;
        }

        RemoteIdTracks.DecodeAll(frame);
        WriteJson(frame, OdidJsonStyle.UnknownAsNull);
        WriteJson(frame, OdidJsonStyle.Reference);
        (_tracks ??= new RemoteIdTracks()).Process(default, frame);
    }

    public void WriteSeeds(SeedSources sources, SeedWriter corpus)
    {
        var messages = new List<byte[]>();
        foreach (var (id, bytes) in sources.OdidVectors())
        {
            corpus.Add(id, bytes);
            if (bytes.Length == OdidFrame.MessageSize)
            {
                messages.Add(bytes);
            }
        }

        // A pack of the first few single messages, as a receiver sees them over Bluetooth 5 / Wi-Fi.
        var pack = new byte[OdidFrame.MaxFrameSize];
        var some = messages.Take(4).SelectMany(m => m).ToArray();
        if (some.Length > 0)
        {
            var length = OdidEncoder.EncodePack(some, pack);
            corpus.Add("pack", pack.AsSpan(0, length));
        }
    }

    private void WriteJson(OdidFrame frame, OdidJsonStyle style)
    {
        _json.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_json);
        OdidJsonWriter.WriteFrame(writer, frame, style);
        writer.Flush();
    }
}
