using Reintegratie.Edge.Sensors.RemoteId.Mavlink;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Mavlink;

public class MavlinkFrameTests
{
    public static IEnumerable<object[]> Good => MavlinkVectors.Ids("ok");

    public static IEnumerable<object[]> Corrupt => MavlinkVectors.Ids("bad_crc");

    [Theory]
    [MemberData(nameof(Good))]
    public void TryParse_NodeMavlinkVector_HeaderAndPayloadExactly(string id)
    {
        var v = MavlinkVectors.Get(id);
        var bytes = MavlinkVectors.Bytes(v);

        var reject = MavlinkFrame.TryParse(bytes, out var frame, out var consumed);

        Assert.Equal(MavlinkReject.None, reject);
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(v.GetProperty("msgid").GetUInt32(), frame.MessageId);
        Assert.Equal(v.GetProperty("seq").GetByte(), frame.Sequence);
        Assert.Equal(v.GetProperty("sysid").GetByte(), frame.SystemId);
        Assert.Equal(v.GetProperty("compid").GetByte(), frame.ComponentId);
        Assert.Equal(v.GetProperty("payload_len").GetInt32(), frame.Payload.Length);
        Assert.True(MavlinkMessageInfo.TryGet(frame.MessageId, out var crcExtra, out _));
        Assert.Equal(v.GetProperty("crc_extra").GetByte(), crcExtra);
    }

    [Theory]
    [MemberData(nameof(Corrupt))]
    public void TryParse_CorruptedVector_BadCrcAndMovesOnOneByte(string id)
    {
        var bytes = MavlinkVectors.Bytes(MavlinkVectors.Get(id));

        var reject = MavlinkFrame.TryParse(bytes, out _, out var consumed);

        Assert.Equal(MavlinkReject.BadCrc, reject);
        Assert.Equal(1, consumed);
    }

    [Fact]
    public void TryParse_SignedFrame_RejectedAsUnverifiableWithItsWholeLength()
    {
        var bytes = MavlinkVectors.Bytes(MavlinkVectors.Get("signed_heartbeat"));

        var reject = MavlinkFrame.TryParse(bytes, out _, out var consumed);

        Assert.Equal(MavlinkReject.Unverifiable, reject);
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(MavlinkFrame.FlagSigned, bytes[2]);
    }

    [Fact]
    public void TryParse_TruncatedPayload_ZeroExtendedByCopyPayload()
    {
        var bytes = MavlinkVectors.Bytes(MavlinkVectors.Get("message_pack"));
        Assert.Equal(MavlinkReject.None, MavlinkFrame.TryParse(bytes, out var frame, out _));
        Span<byte> full = stackalloc byte[249];
        full.Fill(0xAA);

        frame.CopyPayload(full);

        Assert.True(frame.Payload.Length < 249);
        Assert.True(full[frame.Payload.Length..].IndexOfAnyExcept((byte)0) < 0);
        Assert.True(full[..frame.Payload.Length].SequenceEqual(frame.Payload));
    }

    [Fact]
    public void TryParse_EveryPrefixOfAFrame_NeedsMore()
    {
        var bytes = MavlinkVectors.Bytes(MavlinkVectors.Get("location_airborne"));
        for (var n = 1; n < bytes.Length; n++)
        {
            Assert.Equal(MavlinkReject.NeedMore, MavlinkFrame.TryParse(bytes.AsSpan(0, n), out _, out var consumed));
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void TryParse_UnknownIncompatibilityFlag_Rejected()
    {
        var bytes = MavlinkVectors.Bytes(MavlinkVectors.Get("heartbeat"));
        bytes[2] = 0x02;

        Assert.Equal(MavlinkReject.UnknownFlags, MavlinkFrame.TryParse(bytes, out _, out var consumed));
        Assert.Equal(1, consumed);
    }

    [Fact]
    public void TryParse_PayloadLongerThanDefinition_Rejected()
    {
        var bytes = MavlinkVectors.Bytes(MavlinkVectors.Get("heartbeat"));
        bytes[1] = 10; // HEARTBEAT is 9 bytes

        Assert.Equal(MavlinkReject.PayloadTooLong, MavlinkFrame.TryParse(bytes, out _, out _));
    }

    [Fact]
    public void TryParse_UnknownMessageId_MovesOnOneByte()
    {
        var bytes = MavlinkVectors.Bytes(MavlinkVectors.Get("heartbeat"));
        bytes[7] = 1; // SYS_STATUS: not read here, CRC_EXTRA unknown

        Assert.Equal(MavlinkReject.UnknownMessage, MavlinkFrame.TryParse(bytes, out _, out var consumed));
        Assert.Equal(1, consumed);
    }

    [Fact]
    public void Compute_KnownCheckValue_MatchesCrc16Mcrf4xx()
    {
        // CRC-16/MCRF4XX catalogue check value for "123456789" is 0x6F91.
        Assert.Equal(0x6F91, MavlinkCrc.Accumulate(MavlinkCrc.Seed, "123456789"u8));
    }
}
