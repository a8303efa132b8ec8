using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// The receiver's <c>RID,&lt;transport&gt;,&lt;rssi&gt;,&lt;mac&gt;,&lt;hex&gt;</c> line parser, then what the adapter does
/// with an accepted line: validate the frame and hand it to the track assembler. Rejection: TryParse returning false
/// with a reason.
/// </summary>
internal sealed class RemoteIdLineTarget : IFuzzTarget
{
    private readonly byte[] _frame = new byte[OdidFrame.MaxFrameSize];
    // Created on first use: the assembler is instrumented code, which must not run before Fuzzer.Run maps afl's coverage memory.
    private RemoteIdTracks? _tracks;

    public string Name => "rid-line";

    public string Description => "RID,... receiver line -> RemoteIdLineParser.TryParse, OdidFrame.TryParse, track assembler";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (!RemoteIdLineParser.TryParse(input, _frame, out var line, out var error))
        {
            if (string.IsNullOrEmpty(error))
            {
                throw new FuzzContractException("RemoteIdLineParser rejected a line without a reason");
            }

            return;
        }

        if (line.FrameLength < 0 || line.FrameLength > _frame.Length)
        {
            throw new FuzzContractException($"RemoteIdLineParser reported a {line.FrameLength}-byte frame in a {_frame.Length}-byte buffer");
        }

        if (OdidFrame.TryParse(_frame.AsSpan(0, line.FrameLength), out var frame, out _))
        {
            RemoteIdTracks.DecodeAll(frame);
            (_tracks ??= new RemoteIdTracks()).Process(line, frame);
        }
    }

    public void WriteSeeds(SeedSources sources, SeedWriter corpus)
    {
        foreach (var line in sources.DocumentedLines().Select(l => l.Trim('`', ' ')).Where(l => l.StartsWith("RID,", StringComparison.Ordinal)))
        {
            corpus.Add("documented", line);
        }

        string[] envelopes = ["RID,BT4,-67.5,-,", "RID,BT5,,AA:BB:CC:DD:EE:FF,", "RID,WIFI_BEACON,-90,0a:1b:2c:3d:4e:5f,", "RID,WIFI_NAN,-30,-,"];
        var i = 0;
        foreach (var (id, bytes) in sources.OdidVectors())
        {
            corpus.Add(id, envelopes[i++ % envelopes.Length] + Convert.ToHexString(bytes));
        }
    }
}
