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

    [Fact]
    public void Open_ScanSwitchedOnWithDuplicatesKept()
    {
        using var source = new HciCaptureSource(_ours, TimeProvider.System);

        Assert.Equal(Convert.FromHexString("010C20020000"), ReadFromSource()); // LE Set Scan Enable: off
        Assert.Equal(Convert.FromHexString("010B2007001000100000" + "00"), ReadFromSource()); // passive, 10 ms, 10 ms, public, all
        Assert.Equal(Convert.FromHexString("010C20020100"), ReadFromSource()); // on, duplicates not filtered
    }

    [Fact]
    public void TryRead_AdvertisingReport_SameBytesAsTheCaptureAndDecodedToRemoteId()
    {
        var (h4, expected) = CapturedReport();
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
        using var source = new HciCaptureSource(_ours, TimeProvider.System);

        Assert.False(source.TryRead(new byte[2048], out _, out _, out _));
    }

    [Fact]
    public void TryRead_ControllerGone_IOException()
    {
        using var source = new HciCaptureSource(_ours, TimeProvider.System);
        HciNative.Close(_controller);
        _controller = -1;

        Assert.Throws<IOException>(() => source.TryRead(new byte[2048], out _, out _, out _));
    }

    [Fact]
    public async Task Adapter_LiveHciSource_DronePublishedAndRestartedWhenTheControllerGoes()
    {
        var (h4, _) = CapturedReport();
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
