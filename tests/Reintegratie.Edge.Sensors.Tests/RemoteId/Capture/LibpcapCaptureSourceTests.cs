using Reintegratie.Edge.Sensors.RemoteId.Capture;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Capture;

/// <summary>
/// The live libpcap source's code, run through <c>pcap_open_offline</c> on the scapy captures (the same handle API as
/// <c>pcap_create</c>/<c>pcap_activate</c>): libpcap must hand over exactly the packets our own reader finds.
/// </summary>
public class LibpcapCaptureSourceTests
{
    [Theory]
    [InlineData("wifi-beacon-radiotap.pcap")]
    [InlineData("wifi-nan.pcapng")]
    [InlineData("ble-legacy.pcap")]
    [InlineData("ble-ll.pcap")]
    [InlineData("hci-le-report.pcap")]
    [InlineData("ble-long-range.pcapng")]
    public void TryRead_SavefileThroughLibpcap_SamePacketsAsOurReader(string file)
    {
        var path = CaptureVectors.PathOf(file);
        var expected = new List<(int LinkType, DateTimeOffset At, byte[] Data)>();
        using (var stream = File.OpenRead(path))
        {
            var reader = new CaptureFileReader(stream);
            while (reader.TryRead(out var p))
            {
                expected.Add((p.LinkType, p.Timestamp, p.Data.ToArray()));
            }
        }

        var got = new List<(int LinkType, DateTimeOffset At, byte[] Data)>();
        using (var source = LibpcapCaptureSource.OpenOffline(path))
        {
            var buffer = new byte[65536];
            while (source.TryRead(buffer, out var length, out var linkType, out var at))
            {
                got.Add((linkType, at, buffer[..length]));
            }

            Assert.True(source.IsReplay);
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, got.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].LinkType, got[i].LinkType);
            Assert.Equal(expected[i].Data, got[i].Data);
            Assert.Equal(expected[i].At.ToUnixTimeMilliseconds(), got[i].At.ToUnixTimeMilliseconds());
        }
    }

    [Fact]
    public void TryRead_SavefileDecoded_FindsRemoteIdLikeTheFilePath()
    {
        using var source = LibpcapCaptureSource.OpenOffline(CaptureVectors.PathOf("wifi-beacon-radiotap.pcap"));
        var buffer = new byte[65536];
        var found = 0;
        while (source.TryRead(buffer, out var length, out var linkType, out _))
        {
            if (RemoteIdCaptureDecoder.DecodeFrame(linkType, buffer.AsSpan(0, length), out _, out _, out _) == CaptureDecodeResult.RemoteId)
            {
                found++;
            }
        }

        Assert.True(found >= 2, $"expected the capture's beacons, found {found}");
    }

    [Fact]
    public void OpenOffline_NotACapture_IOExceptionWithLibpcapsReason()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "RID,BT4,-70,-,00\n");
        try
        {
            var ex = Assert.Throws<IOException>(() => LibpcapCaptureSource.OpenOffline(file));
            Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void OpenLive_NoSuchInterface_IOExceptionNamingIt()
    {
        var ex = Assert.Throws<IOException>(() => LibpcapCaptureSource.OpenLive("ridnosuch0", TimeSpan.FromMilliseconds(100)));

        Assert.Contains("ridnosuch0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenLive_LoopbackIsNoMonitorInterface_RefusedWithTheLinkType()
    {
        // make test runs as root, so libpcap opens lo; its link type (Ethernet, 1) carries no Remote ID.
        var ex = Assert.Throws<CaptureFormatException>(() => LibpcapCaptureSource.OpenLive("lo", TimeSpan.FromMilliseconds(100)));

        Assert.Contains("link type 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("monitor mode", ex.Message, StringComparison.Ordinal);
    }
}
