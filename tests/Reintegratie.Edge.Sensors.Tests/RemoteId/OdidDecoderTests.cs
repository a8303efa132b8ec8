using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

public class OdidDecoderTests
{
    [Fact]
    public void DecodeLocation_AllUnknownVector_EveryUnknownIsNaN()
    {
        var m = ConformanceVectors.Bytes(ConformanceVectors.Get("location_all_unknown_sentinels"));

        var loc = OdidDecoder.DecodeLocation(m);

        Assert.True(float.IsNaN(loc.DirectionDeg));
        Assert.True(float.IsNaN(loc.SpeedHorizontalMps));
        Assert.True(float.IsNaN(loc.SpeedVerticalMps));
        Assert.False(loc.HasPosition);
        Assert.True(float.IsNaN(loc.AltitudeBaroM));
        Assert.True(float.IsNaN(loc.AltitudeGeoM));
        Assert.True(float.IsNaN(loc.HeightM));
        Assert.True(float.IsNaN(loc.TimestampSAfterHour));
        Assert.Equal(1, loc.Status);
    }

    [Fact]
    public void DecodeLocation_SouthWestEmergency_ReadsNegativeCoordinatesAndEastWestSegment()
    {
        var m = ConformanceVectors.Bytes(ConformanceVectors.Get("location_emergency_descending_neg_latlon"));

        var loc = OdidDecoder.DecodeLocation(m);

        Assert.Equal(3, loc.Status);
        Assert.Equal(359f, loc.DirectionDeg);
        Assert.Equal(-3f, loc.SpeedVerticalMps);
        Assert.Equal(-33.8567844, loc.Latitude, 9);
        Assert.Equal(-70.64827, loc.Longitude, 9);
        Assert.Equal(31767.5f, loc.AltitudeGeoM);
    }

    [Fact]
    public void DecodeBasicId_UtmUuid_KeepsRawBytes()
    {
        var m = ConformanceVectors.Bytes(ConformanceVectors.Get("basic_utm_uuid_binary"));

        var basic = OdidDecoder.DecodeBasicId(m);

        Assert.True(basic.IsBinaryId);
        Assert.Equal(20, basic.UasId.Length);
        Assert.Equal(0x3f, basic.UasId.Span[0]);
    }

    [Fact]
    public void DecodeSystem_EuOpenC1_ReadsOperatorAndClass()
    {
        var m = ConformanceVectors.Bytes(ConformanceVectors.Get("system_eu_open_c1_live_gnss"));

        var sys = OdidDecoder.DecodeSystem(m);

        Assert.True(sys.HasOperatorPosition);
        Assert.Equal(51.6611111, sys.OperatorLatitude, 9);
        Assert.Equal(1, sys.CategoryEu);
        Assert.Equal(2, sys.ClassEu);
        Assert.True(float.IsNaN(sys.AreaCeilingM));
        Assert.Equal(1748779200, sys.TimestampUnix);
    }

    [Fact]
    public void DecodeAuth_PageOneOfVersionZero_Reads23DataBytes()
    {
        var m = new byte[25];
        m[0] = 0x20; // Auth, protocol version 0 (F3411-19)
        m[1] = 0x31; // auth type 3, page 1
        for (var i = 2; i < 25; i++)
        {
            m[i] = (byte)i;
        }

        var auth = OdidDecoder.DecodeAuth(m);

        Assert.Equal(0, auth.ProtocolVersion);
        Assert.Equal(1, auth.DataPage);
        Assert.Equal(23, auth.DataSpan.Length);
        Assert.Equal(24, auth.DataSpan[22]);
    }

    [Fact]
    public void DecodeLocation_GivenBasicId_ThrowsSayingWhatWasExpected()
    {
        var m = ConformanceVectors.Bytes(ConformanceVectors.Get("basic_serial_20char"));

        var ex = Assert.Throws<OdidFormatException>(() => OdidDecoder.DecodeLocation(m));

        Assert.Contains("Expected a Location message", ex.Message, StringComparison.Ordinal);
    }
}
