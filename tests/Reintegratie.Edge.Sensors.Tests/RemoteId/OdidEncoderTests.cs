using CsCheck;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

public class OdidEncoderTests
{
    public static IEnumerable<object[]> VectorIds => ConformanceVectors.Ids();

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void Encode_DecodedConformanceVector_ReproducesTheBytes(string id)
    {
        var bytes = ConformanceVectors.Bytes(ConformanceVectors.Get(id));
        var frame = OdidFrame.Parse(bytes);
        var messages = new byte[frame.Count * 25];

        for (var i = 0; i < frame.Count; i++)
        {
            Reencode(frame[i], messages.AsSpan(i * 25, 25));
        }

        var actual = frame.IsPack ? Pack(messages) : messages;
        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(actual));
    }

    [Fact]
    public void EncodeLocation_ValuesOnTheGrid_RoundTrip()
    {
        var gen = Gen.Select(Gen.Int[0, 359], Gen.Int[0, 254], Gen.Bool, Gen.Int[-124, 124], Gen.Int[-900_000_000, 900_000_000], Gen.Int[-1_800_000_000, 1_800_000_000], Gen.Int[1, 65535], Gen.Int[0, 35999])
            .Select(t => new LocationMessage
            {
                ProtocolVersion = 2,
                Status = 2,
                HeightType = 1,
                DirectionDeg = t.Item1,
                SpeedHorizontalMps = t.Item3 ? (float)((t.Item2 * 0.75) + 63.75) : t.Item2 * 0.25f,
                SpeedVerticalMps = t.Item4 * 0.5f,
                Latitude = t.Item5 == 0 ? 1e-7 : t.Item5 / 1e7,
                Longitude = t.Item6 / 1e7,
                AltitudeBaroM = (t.Item7 * 0.5f) - 1000,
                AltitudeGeoM = float.NaN,
                HeightM = 80,
                HorizAccuracy = 11,
                VertAccuracy = 4,
                BaroAccuracy = 3,
                SpeedAccuracy = 2,
                TsAccuracy = 1,
                TimestampSAfterHour = t.Item8 / 10f,
            });
        gen.Sample(original =>
        {
            Span<byte> buf = stackalloc byte[25];
            OdidEncoder.Encode(original, buf);

            var decoded = OdidDecoder.DecodeLocation(buf);

            Assert.Equal(original.DirectionDeg, decoded.DirectionDeg);
            Assert.Equal(original.SpeedHorizontalMps, decoded.SpeedHorizontalMps);
            Assert.Equal(original.SpeedVerticalMps, decoded.SpeedVerticalMps);
            Assert.Equal(original.Latitude, decoded.Latitude);
            Assert.Equal(original.Longitude, decoded.Longitude);
            Assert.Equal(original.AltitudeBaroM, decoded.AltitudeBaroM);
            Assert.True(float.IsNaN(decoded.AltitudeGeoM));
            Assert.Equal(original.TimestampSAfterHour, decoded.TimestampSAfterHour, 0.001f);
            Assert.Equal(original.HorizAccuracy, decoded.HorizAccuracy);
            Assert.Equal(original.TsAccuracy, decoded.TsAccuracy);
        });
    }

    [Fact]
    public void EncodeSystemAndBasicId_RandomValues_RoundTrip()
    {
        Gen.Select(Gen.String[Gen.Char['0', 'Z'], 1, 20], Gen.Int[1, 2], Gen.Int[0, 15], Gen.Int[-900_000_000, 900_000_000], Gen.UInt, Gen.Int[0, 3], Gen.Int[0, 7])
            .Sample(t =>
            {
                var basic = new BasicIdMessage { ProtocolVersion = 2, IdType = (byte)t.Item2, UaType = (byte)t.Item3, UasId = FixedAscii32.From(t.Item1) };
                var sys = new SystemMessage
                {
                    ProtocolVersion = 2, OperatorLocationType = 1, ClassificationType = 1, OperatorLatitude = t.Item4 == 0 ? 1e-7 : t.Item4 / 1e7, OperatorLongitude = 5.1,
                    AreaCount = 1, AreaRadiusM = 0, AreaCeilingM = float.NaN, AreaFloorM = float.NaN, CategoryEu = (byte)t.Item6, ClassEu = (byte)t.Item7,
                    OperatorAltitudeGeoM = 12.5f, TimestampSince2019 = t.Item5,
                };
                Span<byte> buf = stackalloc byte[50];
                OdidEncoder.Encode(basic, buf);
                OdidEncoder.Encode(sys, buf[25..]);

                var b = OdidDecoder.DecodeBasicId(buf[..25]);
                var s = OdidDecoder.DecodeSystem(buf[25..]);

                Assert.Equal(basic.UasId, b.UasId);
                Assert.Equal(basic.UaType, b.UaType);
                Assert.Equal(sys.OperatorLatitude, s.OperatorLatitude);
                Assert.Equal(sys.TimestampSince2019, s.TimestampSince2019);
                Assert.Equal(sys.ClassEu, s.ClassEu);
                Assert.Equal(12.5f, s.OperatorAltitudeGeoM);
            });
    }

    [Fact]
    public void Encode_AnyDecodedMessage_DecodesToTheSameValues()
    {
        Gen.Byte.Array[25].Select(Gen.Int[0, 5], (b, type) =>
        {
            b[0] = (byte)((type << 4) | 2);
            return b;
        }).Sample(bytes =>
        {
            Span<byte> again = stackalloc byte[25];
            Reencode(bytes, again);
            Span<byte> third = stackalloc byte[25];
            Reencode(again, third);

            Assert.Equal(Convert.ToHexString(again), Convert.ToHexString(third));
        });
    }

    [Fact]
    public void EncodeLocation_NaNEverywhere_WritesTheUnknownCodes()
    {
        var loc = new LocationMessage
        {
            ProtocolVersion = 2, Status = 1, DirectionDeg = float.NaN, SpeedHorizontalMps = float.NaN, SpeedVerticalMps = float.NaN,
            Latitude = double.NaN, Longitude = double.NaN, AltitudeBaroM = float.NaN, AltitudeGeoM = float.NaN, HeightM = float.NaN,
            TimestampSAfterHour = float.NaN,
        };
        var buf = new byte[25];

        OdidEncoder.Encode(loc, buf);

        Assert.Equal("1213B5FF7E00000000000000000000000000000000FFFF0000", Convert.ToHexString(buf));
    }

    internal static void Reencode(ReadOnlySpan<byte> m, Span<byte> dest)
    {
        switch (OdidDecoder.TypeOf(m))
        {
            case OdidMessageType.BasicId: OdidEncoder.Encode(OdidDecoder.DecodeBasicId(m), dest); break;
            case OdidMessageType.Location: OdidEncoder.Encode(OdidDecoder.DecodeLocation(m), dest); break;
            case OdidMessageType.Auth: OdidEncoder.Encode(OdidDecoder.DecodeAuth(m), dest); break;
            case OdidMessageType.SelfId: OdidEncoder.Encode(OdidDecoder.DecodeSelfId(m), dest); break;
            case OdidMessageType.System: OdidEncoder.Encode(OdidDecoder.DecodeSystem(m), dest); break;
            default: OdidEncoder.Encode(OdidDecoder.DecodeOperatorId(m), dest); break;
        }
    }

    private static byte[] Pack(byte[] messages)
    {
        var pack = new byte[3 + messages.Length];
        OdidEncoder.EncodePack(messages, pack);
        return pack;
    }
}
