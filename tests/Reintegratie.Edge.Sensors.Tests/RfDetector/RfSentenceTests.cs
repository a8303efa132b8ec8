using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RfDetector;

namespace Reintegratie.Edge.Sensors.Tests.RfDetector;

public sealed class RfSentenceTests
{
    [Fact]
    public void ToDroneData_DocumentedExample_BearingOnlyUavTransmitterWithEveryField()
    {
        Assert.True(RfSentenceParser.TryParse("$PRFDT,142305.50,RF1,T17,123.4,8.5,-72,2437.5,OCUSYNC,85*4E\r\n"u8, out var s, out var error), error);

        var d = s.ToDroneData();

        Assert.Equal("T17", d.TrackId.ToString());
        Assert.Equal(s.TrackId.StableHash(), d.TrackKey);
        Assert.True(d.HasBearing);
        Assert.Equal(123.4f, d.BearingDeg);
        Assert.Equal(8.5f, d.ElevationDeg);
        Assert.Equal(-72f, d.RssiDbm);
        Assert.Equal(2437.5f, d.FrequencyMhz);
        Assert.Equal(0.85f, d.Confidence, 3);
        Assert.Equal(DroneClass.UavTransmitter, d.Classification);
        Assert.Equal(RfProtocol.DjiOcuSync, d.Protocol);
        Assert.False(d.HasPosition);
    }
}
