using System.Text;
using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// <c>edgectl validate sapient</c>: protobuf JSON -> <see cref="SapientJson.Parse"/> -> validation (first and all
/// violations) -> the listener's handling. Rejection: <see cref="SapientFormatException"/>. A non-empty message
/// that parses must also survive the binary round trip (encode, decode, equal).
/// </summary>
internal sealed class SapientJsonTarget : IFuzzTarget
{
    public string Name => "sapient-json";

    public string Description => "SAPIENT protobuf JSON -> SapientJson.Parse, SapientValidator, binary round trip";

    public void Run(ReadOnlySpan<byte> input)
    {
        // File.ReadAllText semantics: UTF-8 with replacement characters, as edgectl reads the file.
        var json = Encoding.UTF8.GetString(input);
        SapientMessage message;
        try
        {
            message = SapientJson.Parse(json);
        }
        catch (SapientFormatException)
        {
            return;
        }

        _ = SapientValidator.ValidateAll(message);
        SapientPipeline.Handle(message);

        // An empty message encodes to zero bytes, which the framing rejects by design ("a SapientMessage always has
        // content"); every other message must come back equal.
        if (message.CalculateSize() == 0)
        {
            return;
        }

        var frame = SapientFraming.Encode(message);
        if (!SapientFraming.TryDecode(frame, int.MaxValue, out var decoded, out _, out var error) || !message.Equals(decoded))
        {
            throw new FuzzContractException($"SAPIENT message does not survive encode/decode: {error ?? "decoded message differs"}");
        }
    }

    public void WriteSeeds(SeedSources sources, SeedWriter corpus)
    {
        // All accepted messages and a spread of rejected ones: enough structure without a slow start.
        foreach (var (name, json) in sources.SapientValid().Concat(sources.SapientInvalid().Where((_, i) => i % 3 == 0)))
        {
            corpus.Add(name, json);
        }
    }
}
