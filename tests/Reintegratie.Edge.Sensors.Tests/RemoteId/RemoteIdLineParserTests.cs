using System.Text;
using CsCheck;
using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

public class RemoteIdLineParserTests
{
    [Fact]
    public void TryParse_DocumentedLine_ReadsEnvelopeAndFrame()
    {
        var frame = new byte[OdidFrame.MaxFrameSize];

        var ok = RemoteIdLineParser.TryParse("RID,BT4,-71,0A:1B:2C:3D:4E:5F,02123135393641344237433844394530463147324833000000"u8, frame, out var line, out var error);

        Assert.True(ok, error);
        Assert.Equal(RidTransport.Bt4, line.Transport);
        Assert.Equal(-71f, line.RssiDbm);
        Assert.True(line.HasMac);
        Assert.Equal(0x0A1B2C3D4E5FUL, line.Mac);
        Assert.Equal(25, line.FrameLength);
        Assert.Equal(0x02, frame[0]);
    }

    [Theory]
    [InlineData("RID,BT4,-71,-,0212", true)]
    [InlineData("RID,WIFI_NAN,,-,0212", true)]
    [InlineData("RID,LORA,-71,-,0212", false)]
    [InlineData("RID,BT4,-71,0A:1B:2C:3D:4E,0212", false)]
    [InlineData("RID,BT4,abc,-,0212", false)]
    [InlineData("RID,BT4,-71,-,021", false)]
    [InlineData("RID,BT4,-71,-,02zz", false)]
    [InlineData("RID,BT4,-71,-,0212,extra", false)]
    [InlineData("XID,BT4,-71,-,0212", false)]
    public void TryParse_Envelope_AcceptsOnlyTheDocumentedForm(string text, bool expected)
    {
        var ok = RemoteIdLineParser.TryParse(Encoding.ASCII.GetBytes(text), new byte[OdidFrame.MaxFrameSize], out _, out var error);

        Assert.Equal(expected, ok);
        Assert.Equal(expected, error is null);
    }

    [Fact]
    public void TryParse_AnyBytes_ValueOrCleanRejection()
    {
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            var ok = RemoteIdLineParser.TryParse(bytes, new byte[OdidFrame.MaxFrameSize], out _, out var error);
            Assert.True(ok || !string.IsNullOrEmpty(error));
        });
    }
}
