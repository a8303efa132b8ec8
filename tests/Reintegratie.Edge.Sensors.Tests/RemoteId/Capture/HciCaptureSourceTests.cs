using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RemoteId.Capture;
using Reintegratie.Edge.Sensors.Tests.Transports;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Capture;

/// <summary>
/// The HCI source over a SOCK_SEQPACKET socketpair standing in for the controller (the hardware edge): the commands it
/// sends are read back, and the LE Advertising Report of the scapy capture is played into it as the controller would.
/// </summary>
public sealed class HciCaptureSourceTests : IDisposable
{
    private readonly int _ours;
    private int _controller;

    public unsafe HciCaptureSourceTests()
    {
        var fds = stackalloc int[2];
        Assert.Equal(0, HciNative.SocketPair(HciNative.AfUnix, HciNative.SockSeqPacket | HciNative.SockCloExec, 0, fds));
        _ours = fds[0];
        _controller = fds[1];
    }

    /// <summary>LE features of the Pi's own controller class (Bluetooth 4.2/5.0 without Coded PHY): encryption, ping, DLE.</summary>
    private const ulong LegacyFeatures = 0x0000_0000_0000_0031;

    /// <summary>A Bluetooth 5 controller with LE 2M, LE Coded PHY and extended advertising (bits 8, 11, 12).</summary>
    private const ulong LongRangeFeatures = 0x0000_0000_0000_1931;

    [Fact]
    public void Open_ScanSwitchedOnWithDuplicatesKept()
    {
        ControllerAnswers(LegacyFeatures);
        using var source = new HciCaptureSource(_ours, TimeProvider.System);

        Assert.Equal(Convert.FromHexString("01032000"), ReadFromSource()); // LE Read Local Supported Features
        Assert.Equal(Convert.FromHexString("010C20020000"), ReadFromSource()); // LE Set Scan Enable: off
        Assert.Equal(Convert.FromHexString("010B2007001000100000" + "00"), ReadFromSource()); // passive, 10 ms, 10 ms, public, all
        Assert.Equal(Convert.FromHexString("010C20020100"), ReadFromSource()); // on, duplicates not filtered
        Assert.False(source.LongRange);
        Assert.Contains("no LE Coded PHY", source.ScanMode, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ControllerWithCodedPhy_ExtendedScanOnOneMegabitAndCoded()
    {
        WriteToSource(Convert.FromHexString("043E0C" + "02010000" + "000000000000" + "00C0")); // a report of an earlier scan, skipped
        ControllerAnswers(LongRangeFeatures);
        using var source = new HciCaptureSource(_ours, TimeProvider.System);

        Assert.Equal(Convert.FromHexString("01032000"), ReadFromSource());
        Assert.Equal(Convert.FromHexString("014220" + "06" + "000000000000"), ReadFromSource()); // LE Set Extended Scan Enable: off
        // own public, accept all, PHYs 1M + Coded; 1M passive 10 ms / 10 ms; Coded passive 30 ms / 30 ms
        Assert.Equal(Convert.FromHexString("014120" + "0D" + "000005" + "0010001000" + "0030003000"), ReadFromSource());
        Assert.Equal(Convert.FromHexString("014220" + "06" + "010000000000"), ReadFromSource()); // on, duplicates kept, no duration
        Assert.True(source.LongRange);
        Assert.Contains("LE Coded", source.ScanMode, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_ExtendedScan_SwitchedOffWithTheExtendedCommand()
    {
        ControllerAnswers(LongRangeFeatures);
        var source = new HciCaptureSource(_ours, TimeProvider.System);
        for (var i = 0; i < 4; i++)
        {
            ReadFromSource();
        }

        source.Dispose();

        Assert.Equal(Convert.FromHexString("014220" + "06" + "000000000000"), ReadFromSource());
    }

    [Fact]
    public void Open_CommandRefused_LegacyScanAndSaysWhy()
    {
        WriteToSource(Convert.FromHexString("040F04" + "01" + "01" + "0320")); // Command Status: Unknown HCI Command
        using var source = new HciCaptureSource(_ours, TimeProvider.System);

        Assert.Equal(Convert.FromHexString("01032000"), ReadFromSource());
        Assert.Equal(Convert.FromHexString("010C20020000"), ReadFromSource());
        Assert.False(source.LongRange);
        Assert.Contains("refused", source.ScanMode, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ControllerSilent_LegacyScanAfterTheReplyWait()
    {
        using var source = new HciCaptureSource(_ours, TimeProvider.System);

        Assert.Equal(Convert.FromHexString("01032000"), ReadFromSource());
        Assert.Equal(Convert.FromHexString("010C20020000"), ReadFromSource());
        Assert.False(source.LongRange);
        Assert.Contains("did not answer", source.ScanMode, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_ExtendedReportOfTheLongRangeAdvert_SameMessageAsTheCaptureFile()
    {
        // The scapy Long Range capture (AUX_ADV_IND on LE Coded), decoded by the file path...
        using var stream = File.OpenRead(CaptureVectors.PathOf("ble-long-range.pcapng"));
        var reader = new CaptureFileReader(stream);
        Assert.True(reader.TryRead(out var packet));
        var data = packet.Data.ToArray();
        Assert.Equal(CaptureDecodeResult.RemoteId, RemoteIdCaptureDecoder.DecodeFrame(packet.LinkType, data, out var fromFile, out _, out _));
        // ...and its AD structure (length, 0x16, UUID 0xFFFA, app code 0x0D, counter, pack) as a controller reports it.
        var ad = data.AsSpan((fromFile.Offset - 6)..(fromFile.Offset + fromFile.Length)).ToArray();
        var report = ExtendedReport(fromFile.Mac, rssi: -80, ad);
        ControllerAnswers(LongRangeFeatures);
        using var source = new HciCaptureSource(_ours, TimeProvider.System);
        WriteToSource(report);

        var buffer = new byte[2048];
        Assert.True(source.TryRead(buffer, out var length, out var linkType, out _));

        Assert.Equal(CaptureDecodeResult.RemoteId, RemoteIdCaptureDecoder.DecodeFrame(linkType, buffer.AsSpan(0, length), out var live, out _, out _));
        Assert.Equal(RidTransport.Bt5, live.Transport);
        Assert.Equal(fromFile.Mac, live.Mac);
        Assert.Equal(fromFile.Counter, live.Counter);
        Assert.Equal(fromFile.RssiDbm, live.RssiDbm);
        Assert.Equal(data.AsSpan(fromFile.Offset, fromFile.Length).ToArray(), buffer.AsSpan(live.Offset, live.Length).ToArray());
    }

    [Fact]
    public void TryRead_AdvertisingReport_SameBytesAsTheCaptureAndDecodedToRemoteId()
    {
        var (h4, expected) = CapturedReport();
        ControllerAnswers(LegacyFeatures);
        using var source = new HciCaptureSource(_ours, TimeProvider.System);
        WriteToSource(h4);

        var buffer = new byte[2048];
        Assert.True(source.TryRead(buffer, out var length, out var linkType, out _));

        Assert.Equal(201, linkType);
        Assert.Equal(expected, buffer[..length]);
        Assert.Equal(CaptureDecodeResult.RemoteId, RemoteIdCaptureDecoder.DecodeFrame(linkType, buffer.AsSpan(0, length), out var rid, out _, out _));
        Assert.Equal(RidTransport.Bt4, rid.Transport);
    }

    [Fact]
    public void TryRead_NothingHeard_FalseSoTheReaderCanStop()
    {
        ControllerAnswers(LegacyFeatures);
        using var source = new HciCaptureSource(_ours, TimeProvider.System);

        Assert.False(source.TryRead(new byte[2048], out _, out _, out _));
    }

    [Fact]
    public void TryRead_ControllerGone_IOException()
    {
        ControllerAnswers(LegacyFeatures);
        using var source = new HciCaptureSource(_ours, TimeProvider.System);
        HciNative.Close(_controller);
        _controller = -1;

        Assert.Throws<IOException>(() => source.TryRead(new byte[2048], out _, out _, out _));
    }

    [Fact]
    public async Task Adapter_LiveHciSource_DronePublishedAndRestartedWhenTheControllerGoes()
    {
        var (h4, _) = CapturedReport();
        ControllerAnswers(LegacyFeatures);
        var sink = new CollectingEventSink();
        var site = TestSite.Build(SensorFamily.RemoteId);
        var ctx = TestSite.Context(site, sink);
        var opens = 0;
        var adapter = new CaptureRemoteIdAdapter(site.Sensors[0], new RemoteIdOptions { Format = RemoteIdFormat.Hci, Interface = "hci0" }, ctx, () =>
        {
            if (Interlocked.Increment(ref opens) > 1)
            {
                throw new IOException("hci0 is gone"); // unplugged: every reopen fails until it returns
            }

            return new HciCaptureSource(_ours, TimeProvider.System);
        });
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        WriteToSource(h4);

        await TestSite.WaitUntil(() => adapter.Counters.RemoteId == 1, "the report decoded");
        HciNative.Close(_controller);
        _controller = -1;
        await TestSite.WaitUntil(() => Volatile.Read(ref opens) >= 2, "reopened after the controller went");

        Assert.Equal(SensorStatus.Offline, ctx.Health.Snapshot()[0].Status);
        Assert.False(run.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    public void Dispose()
    {
        if (_controller >= 0)
        {
            HciNative.Close(_controller);
        }
    }

    /// <summary>
    /// An LE Extended Advertising Report [Core 5.3, Vol 4, Part E, 7.7.65.13]: one report, complete non-connectable
    /// non-scannable extended PDU, random address, primary and secondary PHY LE Coded, SID 0, no TX power, no periodic
    /// advertising, no direct address.
    /// </summary>
    private static byte[] ExtendedReport(ulong mac, sbyte rssi, byte[] ad)
    {
        var p = new List<byte> { 0x0D, 0x01, 0x00, 0x00, 0x01 };
        for (var i = 0; i < 6; i++)
        {
            p.Add((byte)(mac >> (8 * i))); // least significant octet first
        }

        p.AddRange([0x03, 0x03, 0x00, 0x7F, (byte)rssi, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, (byte)ad.Length]);
        p.AddRange(ad);
        return [0x04, 0x3E, (byte)p.Count, .. p];
    }

    /// <summary>Queues the controller's reply to LE Read Local Supported Features (read when the source opens).</summary>
    private void ControllerAnswers(ulong features)
    {
        var reply = new byte[15];
        reply[0] = 0x04; // H4 event
        reply[1] = 0x0E; // Command Complete
        reply[2] = 12;
        reply[3] = 1; // Num_HCI_Command_Packets
        BinaryPrimitives.WriteUInt16LittleEndian(reply.AsSpan(4), HciLeFeatures.ReadLocalSupportedFeatures);
        reply[6] = 0; // success
        BinaryPrimitives.WriteUInt64LittleEndian(reply.AsSpan(7), features);
        WriteToSource(reply);
    }

    /// <summary>The H4 event of the scapy HCI capture's Remote ID report, and the packet as the capture holds it.</summary>
    private static (byte[] H4, byte[] Captured) CapturedReport()
    {
        using var stream = File.OpenRead(CaptureVectors.PathOf("hci-le-report.pcap"));
        var reader = new CaptureFileReader(stream);
        while (reader.TryRead(out var p))
        {
            if (RemoteIdCaptureDecoder.DecodeFrame(p.LinkType, p.Data, out _, out _, out _) == CaptureDecodeResult.RemoteId
                && BinaryPrimitives.ReadUInt32BigEndian(p.Data) == 1)
            {
                return (p.Data[4..].ToArray(), p.Data.ToArray());
            }
        }

        Assert.Fail("hci-le-report.pcap holds no received Remote ID report");
        return default;
    }

    private unsafe byte[] ReadFromSource()
    {
        var buffer = new byte[300];
        fixed (byte* p = buffer)
        {
            var n = HciNative.Read(_controller, p, (nuint)buffer.Length);
            Assert.True(n > 0, $"read from the source failed: errno {Marshal.GetLastPInvokeError()}");
            return buffer[..(int)n];
        }
    }

    private unsafe void WriteToSource(byte[] packet)
    {
        fixed (byte* p = packet)
        {
            Assert.Equal(packet.Length, (int)HciNative.Write(_controller, p, (nuint)packet.Length));
        }
    }
}
