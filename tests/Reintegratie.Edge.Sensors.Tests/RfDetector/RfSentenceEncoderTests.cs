using CsCheck;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RfDetector;

namespace Reintegratie.Edge.Sensors.Tests.RfDetector;

public class RfSentenceEncoderTests
{
    [Fact]
    public void Format_DocumentedValues_GivesTheDocumentedSentence()
    {
        var s = new RfSentence
        {
            TimeOfDay = new TimeSpan(0, 14, 23, 5, 500), SensorId = FixedAscii32.From("RF1"), TrackId = FixedAscii32.From("T17"),
            BearingDeg = 123.4f, ElevationDeg = 8.5f, RssiDbm = -72, FrequencyMhz = 2437.5f, Protocol = RfProtocol.DjiOcuSync, ConfidencePercent = 85,
        };

        Assert.Equal("$PRFDT,142305.50,RF1,T17,123.4,8.5,-72,2437.5,OCUSYNC,85*4E", RfSentenceEncoder.Format(s));
    }

    [Fact]
    public void Encode_RandomValidSentence_RoundTripsAndFitsNmeaLength()
    {
        var id = Gen.String[Gen.Char['A', 'Z'], 1, 8];
        Gen.Select(Gen.Int[0, 8_639_999], id, id, Gen.Int[0, 3599], Gen.Int[-901, 900], Gen.Int[-150, 30], Gen.Int[1, 99_999], Gen.Int[0, 6])
            .Select(Gen.Int[0, 100], (t, confidence) => (t, confidence))
            .Sample(x =>
            {
                var t = x.t;
                var s = new RfSentence
                {
                    TimeOfDay = TimeSpan.FromMilliseconds(t.Item1 * 10L), SensorId = FixedAscii32.From(t.Item2), TrackId = FixedAscii32.From(t.Item3),
                    BearingDeg = t.Item4 / 10f, ElevationDeg = t.Item5 == -901 ? float.NaN : t.Item5 / 10f, RssiDbm = t.Item6, FrequencyMhz = t.Item7 / 10f,
                    Protocol = (RfProtocol)t.Item8, ConfidencePercent = (byte)x.confidence,
                };
                Span<byte> buf = stackalloc byte[RfSentenceParser.MaxSentenceLength];
                var n = RfSentenceEncoder.Encode(s, buf);

                Assert.True(n + 2 <= 82);
                Assert.True(RfSentenceParser.TryParse(buf[..n], out var back, out var error), error);
                Assert.Equal(s.TimeOfDay, back.TimeOfDay);
                Assert.Equal(s.SensorId, back.SensorId);
                Assert.Equal(s.TrackId, back.TrackId);
                Assert.Equal(s.BearingDeg, back.BearingDeg);
                Assert.Equal(s.ElevationDeg, back.ElevationDeg);
                Assert.Equal(s.RssiDbm, back.RssiDbm);
                Assert.Equal(s.FrequencyMhz, back.FrequencyMhz);
                Assert.Equal(s.Protocol, back.Protocol);
                Assert.Equal(s.ConfidencePercent, back.ConfidencePercent);
            });
    }

    [Fact]
    public void Encode_BearingOutOfRange_Throws()
    {
        var s = new RfSentence { SensorId = FixedAscii32.From("RF1"), TrackId = FixedAscii32.From("T1"), BearingDeg = 360, RssiDbm = -70, FrequencyMhz = 2400 };

        Assert.Throws<ArgumentException>(() => RfSentenceEncoder.Format(s));
    }
}
