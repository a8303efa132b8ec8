using CsCheck;
using Reintegratie.Edge.Sensors.RemoteId.Capture.Relay;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Capture.Relay;

public sealed class CaptureRelayFrameTests
{
    [Fact]
    public void Write_ThenReadHeader_SameLinkTypeLengthAndMicrosecondTime()
    {
        var at = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
        var frame = new byte[CaptureRelayFrame.HeaderLength + 3];

        var n = CaptureRelayFrame.Write(frame, 201, at, [0x04, 0x3E, 0x00]);

        Assert.Equal(19, n);
        Assert.Equal("CA9700C900000003", Convert.ToHexString(frame, 0, 8));
        Assert.True(CaptureRelayFrame.TryReadHeader(frame, out var linkType, out var length, out var time, out _));
        Assert.Equal((201, 3, at), (linkType, length, time));
    }

    [Theory]
    [InlineData("000000C9000000030000000000000000", "magic")]
    [InlineData("CA9700C9000000000000000000000000", "data length")]
    [InlineData("CA9700C9000100000000000000000000", "data length")]
    [InlineData("CA970001000000030000000000000000", "link type")]
    [InlineData("CA9700C900000003FF00000000000000", "capture time")]
    public void TryReadHeader_NotAHeader_FalseWithTheReason(string hex, string expected)
    {
        Assert.False(CaptureRelayFrame.TryReadHeader(Convert.FromHexString(hex), out _, out _, out _, out var reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadHeader_AnyBytes_HeaderOrCleanRejection() =>
        Gen.Byte.Array[0, 40].Sample(bytes =>
        {
            var ok = CaptureRelayFrame.TryReadHeader(bytes, out _, out var length, out _, out var reason);
            return ok ? length is > 0 and <= CaptureRelayFrame.MaxData : reason is not null;
        });
}
