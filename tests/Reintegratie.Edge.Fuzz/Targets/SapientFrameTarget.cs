using Reintegratie.Edge.Sensors.Sapient;

namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// SAPIENT over TCP: the input is a byte stream of length-prefixed frames, decoded frame by frame with
/// <see cref="SapientFraming.TryDecode"/> as the listener does, each message handled like the listener
/// (<see cref="SapientPipeline"/>) and formatted as JSON like <c>edgectl decode sapient</c>. Rejection: TryDecode
/// returning false (more bytes needed, or an error that ends the connection).
/// </summary>
internal sealed class SapientFrameTarget : IFuzzTarget
{
    // Far below the default 1 MiB so a mutated length prefix is accepted often enough to reach the protobuf parser.
    private const int MaxFrameBytes = 64 * 1024;

    public string Name => "sapient-frame";

    public string Description => "length-prefixed SAPIENT stream -> SapientFraming.TryDecode, validation, detection mapping, JSON";

    public void Run(ReadOnlySpan<byte> input)
    {
        while (!input.IsEmpty)
        {
            if (!SapientFraming.TryDecode(input, MaxFrameBytes, out var message, out var consumed, out _))
            {
                return;
            }

            if (message is null || consumed <= 0 || consumed > input.Length)
            {
                throw new FuzzContractException($"SapientFraming.TryDecode succeeded with message {(message is null ? "null" : "set")} and {consumed} of {input.Length} bytes consumed");
            }

            SapientPipeline.Handle(message);
            try
            {
                _ = SapientJson.Format(message);
            }
            catch (SapientFormatException)
            {
                // The documented rejection of a message JSON cannot express (e.g. a timestamp outside 0001-9999):
                // edgectl decode sapient reports it and exits 1. Anything else from Format is still a crash.
            }

            input = input[consumed..];
        }
    }

    public void WriteSeeds(SeedSources sources, SeedWriter corpus)
    {
        var all = new List<byte>();
        foreach (var (name, json) in sources.SapientValid())
        {
            var frame = SapientFraming.Encode(SapientJson.Parse(json));
            corpus.Add(name, frame);
            if (all.Count < 4096)
            {
                all.AddRange(frame);
            }
        }

        // A few frames back to back, as one TCP read delivers them.
        corpus.Add("stream", all.ToArray());
        foreach (var (name, json) in sources.SapientInvalid().Take(24))
        {
            try
            {
                corpus.Add(name, SapientFraming.Encode(SapientJson.Parse(json)));
            }
            catch (SapientFormatException)
            {
                // Some invalid examples are not even protobuf JSON; they seed sapient-json instead.
            }
        }
    }
}
