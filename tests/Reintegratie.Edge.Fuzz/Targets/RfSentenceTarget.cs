using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RfDetector;

namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// The RF detector's <c>$PRFDT</c> NMEA sentence parser. Rejection: <see cref="RfSentenceParser.TryParse"/> returning
/// false with a reason. The checksum is mandatory, so random mutations almost never reach the fields: each input is
/// parsed as given and then once more with its checksum recomputed (body = the bytes between a leading '$' and the
/// last '*'), so the fuzzer explores the field parsing too.
/// </summary>
internal sealed class RfSentenceTarget : IFuzzTarget
{
    private readonly byte[] _fixedUp = new byte[RfSentenceParser.MaxSentenceLength + 8];

    public string Name => "rf";

    public string Description => "RF detector $PRFDT NMEA sentence -> RfSentenceParser.TryParse (as given and checksum-fixed)";

    public void Run(ReadOnlySpan<byte> input)
    {
        Parse(input);

        var body = input;
        if (!body.IsEmpty && body[0] == (byte)'$')
        {
            body = body[1..];
        }

        var star = body.LastIndexOf((byte)'*');
        if (star >= 0)
        {
            body = body[..star];
        }

        if (body.Length + 4 > _fixedUp.Length)
        {
            return;
        }

        // [NMEA 0183 5.2.1] checksum = XOR of every character between '$' and '*'.
        byte checksum = 0;
        foreach (var b in body)
        {
            checksum ^= b;
        }

        _fixedUp[0] = (byte)'$';
        body.CopyTo(_fixedUp.AsSpan(1));
        _fixedUp[body.Length + 1] = (byte)'*';
        _fixedUp[body.Length + 2] = (byte)"0123456789ABCDEF"[checksum >> 4];
        _fixedUp[body.Length + 3] = (byte)"0123456789ABCDEF"[checksum & 0xF];
        Parse(_fixedUp.AsSpan(0, body.Length + 4));
    }

    public void WriteSeeds(SeedSources sources, SeedWriter corpus)
    {
        foreach (var line in sources.DocumentedLines().Select(Unquote).Where(l => l.StartsWith("$PRFD", StringComparison.Ordinal)))
        {
            corpus.Add("documented", line);
        }

        var sentence = new RfSentence
        {
            TimeOfDay = new TimeSpan(0, 12, 34, 56, 780),
            BearingDeg = 273.5f,
            ElevationDeg = 12.25f,
            RssiDbm = -71.5f,
            FrequencyMhz = 2437.0f,
            Protocol = RfProtocol.DjiOcuSync,
            ConfidencePercent = 87,
        };
        sentence.SensorId.Set("rf-1");
        sentence.TrackId.Set("T42");
        corpus.Add("encoded", RfSentenceEncoder.Format(sentence));
    }

    private static void Parse(ReadOnlySpan<byte> sentence)
    {
        if (!RfSentenceParser.TryParse(sentence, out _, out var error) && string.IsNullOrEmpty(error))
        {
            throw new FuzzContractException("RfSentenceParser rejected a sentence without a reason");
        }
    }

    // Documented examples sit in back-quotes or code blocks; take the sentence itself.
    private static string Unquote(string line) => line.Trim('`', ' ');
}
