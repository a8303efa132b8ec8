using CsCheck;
using Reintegratie.Edge.Sensors.RemoteId.Mavlink;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Mavlink;

public class MavlinkFrameWriterTests
{
    public static IEnumerable<object[]> Good => MavlinkVectors.Ids("ok");

    [Theory]
    [MemberData(nameof(Good))]
    public void Write_SamePayloadAsNodeMavlink_ByteForByteTheSameFrame(string id)
    {
        var v = MavlinkVectors.Get(id);
        var bytes = MavlinkVectors.Bytes(v);
        Assert.Equal(MavlinkReject.None, MavlinkFrame.TryParse(bytes, out var frame, out _));
        var dest = new byte[MavlinkFrame.MaxFrameSize];

        var n = MavlinkFrameWriter.Write(dest, frame.MessageId, frame.Payload, frame.Sequence, frame.SystemId, frame.ComponentId);

        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(dest, 0, n));
    }

    [Fact]
    public void Write_AnyPayloadOfAnyKnownMessage_FramerGivesItBackZeroExtended()
    {
        uint[] ids = [0, 12900, 12901, 12902, 12903, 12904, 12905, 12915];
        Gen.Select(Gen.Int[0, ids.Length - 1], Gen.Byte.Array[0, 249], Gen.Byte).Sample((i, raw, seq) =>
        {
            MavlinkMessageInfo.TryGet(ids[i], out _, out var full);
            var payload = raw.Length > full ? raw[..full] : raw;
            var dest = new byte[MavlinkFrame.MaxFrameSize];
            var n = MavlinkFrameWriter.Write(dest, ids[i], payload, seq, 1, 236);

            Assert.Equal(MavlinkReject.None, MavlinkFrame.TryParse(dest.AsSpan(0, n), out var frame, out var consumed));
            Assert.Equal(n, consumed);
            var back = new byte[full];
            frame.CopyPayload(back);
            var expected = new byte[full];
            payload.CopyTo(expected, 0);
            Assert.Equal(expected, back);
            Assert.Equal(seq, frame.Sequence);
        }, iter: 2000);
    }
}
