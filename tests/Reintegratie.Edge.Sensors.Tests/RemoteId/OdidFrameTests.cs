using CsCheck;
using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

public class OdidFrameTests
{
    [Fact]
    public void TryParse_AnyBytes_ValueOrCleanRejection()
    {
        Gen.Byte.Array[0, 240].Sample(bytes =>
        {
            if (OdidFrame.TryParse(bytes, out var frame, out var error))
            {
                Assert.Null(error);
                for (var i = 0; i < frame.Count; i++)
                {
                    DecodeAny(frame[i]);
                }
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error));
            }
        });
    }

    [Fact]
    public void TryParse_Any25BytesWithKnownHeader_DecodesWithoutException()
    {
        Gen.Byte.Array[25].Select(Gen.Int[0, 5], Gen.Int[0, 2], (b, type, version) =>
        {
            b[0] = (byte)((type << 4) | version);
            return b;
        }).Sample(bytes =>
        {
            Assert.True(OdidFrame.TryParse(bytes, out var frame, out _));
            DecodeAny(frame[0]);
        });
    }

    [Theory]
    [InlineData("", "0 bytes")]
    [InlineData("0212", "got 2 bytes")]
    [InlineData("62123135393641344237433844394530463147324833000000", "Unknown message type 0x6")]
    [InlineData("05123135393641344237433844394530463147324833000000", "protocol version 5")]
    [InlineData("f21a01", "single message size 25")]
    [InlineData("f21900", "1..9 messages")]
    [InlineData("f2190102", "Expected 28 bytes")]
    public void TryParse_BadInput_RejectsWithReason(string hex, string reason)
    {
        var ok = OdidFrame.TryParse(Convert.FromHexString(hex), out _, out var error);

        Assert.False(ok);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_PackInsidePack_Rejects()
    {
        var inner = new byte[25];
        inner[0] = 0xF2;
        var pack = new byte[28];
        OdidEncoder.EncodePack(inner, pack);

        Assert.False(OdidFrame.TryParse(pack, out _, out var error));
        Assert.Contains("another pack", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ConformancePack_YieldsEachMessage()
    {
        var bytes = ConformanceVectors.Bytes(ConformanceVectors.Get("pack_basic_loc_selfid_system_operator"));

        var frame = OdidFrame.Parse(bytes);

        Assert.True(frame.IsPack);
        Assert.Equal(5, frame.Count);
        Assert.Equal(OdidMessageType.OperatorId, OdidDecoder.TypeOf(frame[4]));
    }

    private static void DecodeAny(ReadOnlySpan<byte> m)
    {
        switch (OdidDecoder.TypeOf(m))
        {
            case OdidMessageType.BasicId: OdidDecoder.DecodeBasicId(m); break;
            case OdidMessageType.Location: OdidDecoder.DecodeLocation(m); break;
            case OdidMessageType.Auth: OdidDecoder.DecodeAuth(m); break;
            case OdidMessageType.SelfId: OdidDecoder.DecodeSelfId(m); break;
            case OdidMessageType.System: OdidDecoder.DecodeSystem(m); break;
            case OdidMessageType.OperatorId: OdidDecoder.DecodeOperatorId(m); break;
            default: Assert.Fail("a validated frame held a pack"); break;
        }
    }
}
