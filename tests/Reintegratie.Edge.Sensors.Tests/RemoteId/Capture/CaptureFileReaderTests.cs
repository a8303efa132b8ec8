using System.Buffers.Binary;
using CsCheck;
using Reintegratie.Edge.Sensors.RemoteId.Capture;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Capture;

public class CaptureFileReaderTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void TryRead_PcapInEitherByteOrderAndResolution_SamePacketAndTime(bool bigEndian, bool nanos)
    {
        var data = new byte[] { 1, 2, 3, 4, 5 };
        var file = Pcap(bigEndian, nanos, linkType: 127, seconds: 1_780_000_000, fraction: nanos ? 250_000_000u : 250_000u, data);

        var reader = new CaptureFileReader(new MemoryStream(file));

        Assert.False(reader.IsPcapng);
        Assert.True(reader.TryRead(out var packet));
        Assert.Equal(127, packet.LinkType);
        Assert.Equal(data, packet.Data.ToArray());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_250), packet.Timestamp);
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void TryRead_TruncatedLastRecord_EndsCleanly()
    {
        var file = Pcap(false, false, 105, 1, 0, new byte[40]);

        var reader = new CaptureFileReader(new MemoryStream(file[..^10]));

        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void Ctor_NotACapture_ReasonNamesTheMagic()
    {
        var ex = Assert.Throws<CaptureFormatException>(() => new CaptureFileReader(new MemoryStream("RID,BT4,-70,-,00"u8.ToArray())));

        Assert.Contains("524944", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_Pcapng_InterfaceLinkTypeAndOrder()
    {
        using var stream = File.OpenRead(CaptureVectors.PathOf("wifi-nan.pcapng"));
        var reader = new CaptureFileReader(stream);

        Assert.True(reader.IsPcapng);
        Assert.True(reader.TryRead(out var first));
        Assert.Equal((int)CaptureLinkType.Ieee80211, first.LinkType);
        Assert.True(reader.TryRead(out _));
        Assert.False(reader.TryRead(out _));
        Assert.Equal(2, reader.Packets);
    }

    [Fact]
    public void TryRead_AnyBytes_PacketsOrFormatExceptionOnly()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            try
            {
                var reader = new CaptureFileReader(new MemoryStream(bytes));
                while (reader.TryRead(out var packet))
                {
                    Assert.True(packet.Data.Length <= bytes.Length);
                }
            }
            catch (CaptureFormatException)
            {
                // a clean rejection
            }
        }, iter: 3000);
    }

    private static byte[] Pcap(bool bigEndian, bool nanos, int linkType, uint seconds, uint fraction, byte[] data)
    {
        var file = new byte[24 + 16 + data.Length];
        void U32(int at, uint v)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(at), v);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(at), v);
            }
        }

        U32(0, nanos ? 0xA1B23C4D : 0xA1B2C3D4);
        U32(16, 65535);
        U32(20, (uint)linkType);
        U32(24, seconds);
        U32(28, fraction);
        U32(32, (uint)data.Length);
        U32(36, (uint)data.Length);
        data.CopyTo(file, 40);
        return file;
    }
}
