using CsCheck;
using Reintegratie.Edge.Sensors.RemoteId.Mavlink;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Mavlink;

public class MavlinkFramerTests
{
    [Fact]
    public void Feed_AllVectorsWithNoiseInAnyChunking_SameFramesAndCounts()
    {
        // Noise between frames includes stray start bytes; MAVLink 1 (0xFE) traffic is noise to a v2 reader.
        var stream = new List<byte>();
        foreach (var v in MavlinkVectors.Load())
        {
            stream.AddRange(new byte[] { 0x00, 0xFD, 0x55, 0xFE, 0x09 });
            stream.AddRange(MavlinkVectors.Bytes(v));
        }

        var bytes = stream.ToArray();
        var good = MavlinkVectors.Ids("ok").Count();
        foreach (var chunk in new[] { 1, 2, 3, 7, 64, 279, bytes.Length })
        {
            var handler = new Recorder();
            var framer = new MavlinkFramer(handler);
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                framer.Feed(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
            }

            Assert.Equal(good, framer.Frames);
            Assert.Equal(good, handler.MessageIds.Count);
            Assert.Equal(2, framer.BadCrc);
            Assert.Equal(1, framer.Unverifiable);
            Assert.Equal(MavlinkVectors.Load().Where(v => v.GetProperty("expect").GetString() == "ok").Select(v => v.GetProperty("msgid").GetUInt32()), handler.MessageIds);
        }
    }

    [Fact]
    public void Feed_FrameHiddenBehindABadCrcCandidate_StillFound()
    {
        // A start byte whose "frame" swallows the real one: the bad checksum moves on by one byte, not by its length.
        var real = MavlinkVectors.Bytes(MavlinkVectors.Get("heartbeat"));
        var bytes = new byte[] { 0xFD, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x65, 0x32, 0x00 }.Concat(real).Concat(new byte[40]).ToArray();
        var handler = new Recorder();
        var framer = new MavlinkFramer(handler);

        framer.Feed(bytes);

        Assert.Equal([0u], handler.MessageIds);
        Assert.Equal(1, framer.BadCrc);
    }

    [Fact]
    public void Feed_AnyBytes_NeverThrowsAndCountsEveryByteOnce()
    {
        Gen.Byte.Array[0, 2000].Sample(bytes =>
        {
            var handler = new Recorder();
            var framer = new MavlinkFramer(handler);
            framer.Feed(bytes);
            Assert.True(framer.SkippedBytes <= bytes.Length);
        }, iter: 2000);
    }

    [Fact]
    public void Feed_ValidFrameSplicedIntoRandomNoise_AlwaysFound()
    {
        var real = MavlinkVectors.Bytes(MavlinkVectors.Get("location_airborne"));
        Gen.Select(Gen.Byte.Array[0, 300], Gen.Byte.Array[0, 300]).Sample((before, after) =>
        {
            var handler = new Recorder();
            var framer = new MavlinkFramer(handler);

            // Noise after the frame cannot hide it; noise before it may start a frame that needs more bytes than
            // follow, so feed 300 zero bytes at the end to flush any pending candidate.
            framer.Feed([.. before, .. real, .. after, .. new byte[300]]);

            Assert.Contains(12901u, handler.MessageIds);
        }, iter: 500);
    }

    private sealed class Recorder : IMavlinkFrameHandler
    {
        public List<uint> MessageIds { get; } = [];

        public void OnFrame(in MavlinkFrame frame) => MessageIds.Add(frame.MessageId);

        public void OnRejected(MavlinkReject reason, ReadOnlySpan<byte> bytes) => Assert.False(bytes.IsEmpty);
    }
}
