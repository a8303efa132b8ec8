using CsCheck;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RemoteId.Capture;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Capture;

public class RemoteIdCaptureDecoderTests
{
    public static IEnumerable<object[]> Files => CaptureVectors.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public void DecodeFrame_EveryScapyCapture_ExactlyTheExpectedFrames(string file)
    {
        var expected = CaptureVectors.Expected().Where(e => e.GetProperty("file").GetString() == file).ToDictionary(e => e.GetProperty("packet").GetInt32());
        using var stream = File.OpenRead(CaptureVectors.PathOf(file));
        var reader = new CaptureFileReader(stream);
        var found = 0;

        while (reader.TryRead(out var packet))
        {
            var result = RemoteIdCaptureDecoder.DecodeFrame(packet.LinkType, packet.Data, out var rid, out var frame, out var reason);
            if (!expected.TryGetValue((int)reader.Packets, out var e))
            {
                Assert.NotEqual(CaptureDecodeResult.RemoteId, result);
                continue;
            }

            Assert.True(result == CaptureDecodeResult.RemoteId, $"packet {reader.Packets}: {result} {reason}");
            found++;
            Assert.Equal(e.GetProperty("transport").GetString(), CaptureJsonWriter.TransportName(rid.Transport));
            Assert.True(rid.HasMac);
            Assert.Equal(e.GetProperty("mac").GetString(), MacText(rid.Mac));
            var rssi = e.GetProperty("rssi");
            Assert.Equal(rssi.ValueKind == System.Text.Json.JsonValueKind.Null ? float.NaN : rssi.GetSingle(), rid.RssiDbm);
            Assert.Equal(e.GetProperty("counter").GetByte(), rid.Counter);
            Assert.Equal(e.GetProperty("hex").GetString(), Convert.ToHexStringLower(packet.Data.Slice(rid.Offset, rid.Length)));
            Assert.Equal(e.GetProperty("hex").GetString()!.Length / 2 == 25 ? 1 : 4, frame.Count);
            Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(e.GetProperty("time").GetDouble() * 10) * (TimeSpan.TicksPerSecond / 10)), packet.Timestamp);
        }

        Assert.Equal(expected.Count, found);
    }

    [Theory]
    [InlineData("wifi-beacon-radiotap.pcap", 3, 1, 1)]
    [InlineData("ble-legacy.pcap", 3, 1, 0)]
    [InlineData("wifi-nan.pcapng", 2, 0, 0)]
    public void Count_CaptureWithDamagedPackets_BadChecksumCountedNotDecoded(string file, int remoteId, int bad, int other)
    {
        var counters = new CaptureCounters();
        using var stream = File.OpenRead(CaptureVectors.PathOf(file));
        var reader = new CaptureFileReader(stream);
        while (reader.TryRead(out var packet))
        {
            counters.Count(RemoteIdCaptureDecoder.DecodeFrame(packet.LinkType, packet.Data, out _, out _, out _));
        }

        Assert.Equal(remoteId, counters.RemoteId);
        Assert.Equal(bad, counters.BadChecksum);
        Assert.Equal(other, counters.Other);
        Assert.Equal(0, counters.Malformed);
    }

    [Fact]
    public void BleCrc_AgreesWithTheLegacyCapturesCrcBytes()
    {
        using var stream = File.OpenRead(CaptureVectors.PathOf("ble-ll.pcap"));
        var reader = new CaptureFileReader(stream);
        Assert.True(reader.TryRead(out var packet));
        var pdu = packet.Data[4..^3];

        var crc = CaptureChecksums.BleCrc(pdu);

        Assert.Equal(packet.Data[^3] | (packet.Data[^2] << 8) | (packet.Data[^1] << 16), (int)crc);
    }

    [Fact]
    public void Crc32_CatalogueCheckValue() => Assert.Equal(0xCBF43926u, CaptureChecksums.Crc32("123456789"u8));

    [Fact]
    public void Decode_AnyBytesAnyLinkType_ResultNeverException()
    {
        int[] linkTypes = [105, 127, 201, 251, 256, 1];
        Gen.Select(Gen.Byte.Array[0, 300], Gen.Int[0, linkTypes.Length - 1]).Sample((bytes, i) =>
        {
            var result = RemoteIdCaptureDecoder.DecodeFrame(linkTypes[i], bytes, out var rid, out _, out _);
            if (result == CaptureDecodeResult.RemoteId)
            {
                Assert.InRange(rid.Offset + rid.Length, 0, bytes.Length);
            }
        }, iter: 5000);
    }

    [Fact]
    public void Decode_BeaconFrameWithRemoteIdMutated_NeverThrowsAndFindsOnlyValidFrames()
    {
        using var stream = File.OpenRead(CaptureVectors.PathOf("wifi-beacon-radiotap.pcap"));
        var reader = new CaptureFileReader(stream);
        Assert.True(reader.TryRead(out var packet));
        var original = packet.Data.ToArray();
        Gen.Select(Gen.Int[0, original.Length - 1], Gen.Byte).Sample((at, value) =>
        {
            var bytes = (byte[])original.Clone();
            bytes[at] = value;
            var result = RemoteIdCaptureDecoder.DecodeFrame(127, bytes, out _, out _, out _);
            Assert.True(result != CaptureDecodeResult.RemoteId || bytes.AsSpan().SequenceEqual(original) || at < 16,
                $"a changed byte at {at} passed the FCS");
        }, iter: 2000);
    }

    private static string MacText(ulong mac)
    {
        Span<byte> text = stackalloc byte[17];
        return System.Text.Encoding.ASCII.GetString(text[..RemoteIdLineParser.FormatMac(mac, text)]);
    }
}
