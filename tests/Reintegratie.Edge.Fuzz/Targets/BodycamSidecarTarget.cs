using Reintegratie.Edge.Sensors.Bodycam;

namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// The bodycam sidecar JSON parser. Rejection: <see cref="BodycamParseOutcome.Invalid"/> or
/// <see cref="BodycamParseOutcome.Incomplete"/> with a reason; Valid must come with a recording.
/// </summary>
internal sealed class BodycamSidecarTarget : IFuzzTarget
{
    public string Name => "bodycam";

    public string Description => "bodycam sidecar JSON -> BodycamSidecarParser.TryParse";

    public void Run(ReadOnlySpan<byte> input)
    {
        var outcome = BodycamSidecarParser.TryParse(input, FuzzSite.Pseudonymiser, out var recording, out var reason);
        if (outcome == BodycamParseOutcome.Valid && recording is null)
        {
            throw new FuzzContractException("BodycamSidecarParser returned Valid without a recording");
        }

        if (outcome != BodycamParseOutcome.Valid && string.IsNullOrEmpty(reason))
        {
            throw new FuzzContractException($"BodycamSidecarParser returned {outcome} without a reason");
        }
    }

    public void WriteSeeds(SeedSources sources, SeedWriter corpus)
    {
        foreach (var block in sources.DocumentedBlocks().Where(b => b.Contains("\"recording_id\"", StringComparison.Ordinal) && !b.Contains("$schema", StringComparison.Ordinal)))
        {
            corpus.Add("documented", block);
        }

        corpus.Add("minimal", """{"recording_id":"R1","device_serial":"D","wearer_id":"p1","start_utc":"2025-03-01T12:00:00+01:00","end_utc":"2025-03-01T12:00:01+01:00","sha256":"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08","size_bytes":0,"trigger":"holster","unit":"workshop","lat":null,"lon":null,"uploaded_at":"2025-03-01T12:30:00Z","source_system":"dock-b"}""");
    }
}
