using System.Text;
using CsCheck;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RfDetector;

namespace Reintegratie.Edge.Sensors.Tests.RfDetector;

public class RfSentenceParserTests
{
    [Fact]
    public void TryParse_DocumentedExample_ReadsEveryField()
    {
        var ok = RfSentenceParser.TryParse("$PRFDT,142305.50,RF1,T17,123.4,8.5,-72,2437.5,OCUSYNC,85*4E\r\n"u8, out var s, out var error);

        Assert.True(ok, error);
        Assert.Equal(new TimeSpan(0, 14, 23, 5, 500), s.TimeOfDay);
        Assert.Equal("RF1", s.SensorId.ToString());
        Assert.Equal("T17", s.TrackId.ToString());
        Assert.Equal(123.4f, s.BearingDeg);
        Assert.Equal(8.5f, s.ElevationDeg);
        Assert.Equal(-72f, s.RssiDbm);
        Assert.Equal(2437.5f, s.FrequencyMhz);
        Assert.Equal(RfProtocol.DjiOcuSync, s.Protocol);
        Assert.Equal(85, s.ConfidencePercent);
    }

    [Theory]
    [InlineData("$PRFDT,142306.00,RF1,T17,124.0,,-71,5785.0,OCUSYNC,88*6E")]
    [InlineData("$PRFDT,235959.99,NORTH-A,A0099,359.9,-90.0,-150,9999.9,LIGHTBRIDGE,100*59")]
    [InlineData("$PRFDT,000000.00,RF1,9,0.0,,-95,433.9,RC,40*73")]
    public void TryParse_DocumentedExamples_Accepted(string sentence)
    {
        Assert.True(RfSentenceParser.TryParse(Encoding.ASCII.GetBytes(sentence), out _, out var error), error);
    }

    [Theory]
    [InlineData("$PRFDT,142305.50,RF1,T17,123.4,8.5,-72,2437.5,OCUSYNC,85*4F", "Checksum mismatch")]
    [InlineData("$PRFDT,142305.50,RF1,T17,123.4,8.5,-72,2437.5,OCUSYNC,85", "checksum is mandatory")]
    [InlineData("PRFDT,142305.50,RF1,T17,123.4,8.5,-72,2437.5,OCUSYNC,85*4E", "start with '$'")]
    [InlineData("$PRFDT,142305.50,RF1,T17,360.0,8.5,-72,2437.5,OCUSYNC,85*4E", "Checksum")]
    public void TryParse_BadSentence_RejectsWithReason(string sentence, string reason)
    {
        Assert.False(RfSentenceParser.TryParse(Encoding.ASCII.GetBytes(sentence), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PRFDT,142305.50,RF1,T17,360.0,8.5,-72,2437.5,OCUSYNC,85", "bearing")]
    [InlineData("PRFDT,246000.00,RF1,T17,1.0,8.5,-72,2437.5,OCUSYNC,85", "time")]
    [InlineData("PRFDT,142305.50,RF1,T17,1.0,8.5,-72,2437.5,DRONE,85", "protocol")]
    [InlineData("PRFDT,142305.50,RF1,T17,1.0,8.5,-72,2437.5,WIFI,101", "confidence")]
    [InlineData("PRFDT,142305.50,RF1,T17,1.0,8.5,-72.5,2437.5,WIFI,50", "rssi")]
    [InlineData("PRFDT,142305.50,RF1,T17,1e1,8.5,-72,2437.5,WIFI,50", "bearing")]
    [InlineData("PRFDT,142305.50,RF1,TOOLONGID,1.0,8.5,-72,2437.5,WIFI,50", "track id")]
    [InlineData("PRFDT,142305.50,RF1,T17,1.0,8.5,-72,2437.5,WIFI", "fields")]
    [InlineData("GPGGA,142305.50,RF1,T17,1.0,8.5,-72,2437.5,WIFI,50", "PRFDT")]
    public void TryParse_BadFieldWithGoodChecksum_NamesTheField(string body, string reason)
    {
        var sentence = $"${body}*{NmeaChecksum.Compute(Encoding.ASCII.GetBytes(body)):X2}";

        Assert.False(RfSentenceParser.TryParse(Encoding.ASCII.GetBytes(sentence), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_AnyBytes_ValueOrCleanRejection()
    {
        Gen.Byte.Array[0, 100].Sample(bytes =>
        {
            var ok = RfSentenceParser.TryParse(bytes, out _, out var error);
            Assert.True(ok || !string.IsNullOrEmpty(error));
        });
    }

    [Fact]
    public void TryParse_AnyPrintableWithValidChecksum_ValueOrCleanRejection()
    {
        Gen.String[Gen.Char[' ', '~'], 0, 75].Sample(body =>
        {
            var sentence = $"$PRFDT,{body}*{NmeaChecksum.Compute(Encoding.ASCII.GetBytes("PRFDT," + body)):X2}";
            var ok = RfSentenceParser.TryParse(Encoding.ASCII.GetBytes(sentence), out _, out var error);
            Assert.True(ok || !string.IsNullOrEmpty(error));
        });
    }
}
