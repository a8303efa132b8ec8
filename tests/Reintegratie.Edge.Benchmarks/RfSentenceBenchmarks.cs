using BenchmarkDotNet.Attributes;
using Reintegratie.Edge.Sensors.RfDetector;

namespace Reintegratie.Edge.Benchmarks;

/// <summary>$PRFDT parse cost per sentence (expect 0 bytes allocated).</summary>
[MemoryDiagnoser]
public class RfSentenceBenchmarks
{
    private static readonly byte[] s_sentence = "$PRFDT,142305.50,RF1,T17,123.4,8.5,-72,2437.5,OCUSYNC,85*4E"u8.ToArray();

    /// <summary>Checksum + fields.</summary>
    [Benchmark]
    public float ParseSentence()
    {
        return RfSentenceParser.TryParse(s_sentence, out var s, out _) ? s.BearingDeg : float.NaN;
    }
}
