using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Core.Tests.Site;

public sealed class SiteModelStallTests
{
    [Fact]
    public void Build_NoStallSeconds_SixtySecondWindow()
    {
        var site = SiteModel.Build(new SiteOptions { Sensors = [new SensorOptions { Id = "rid-1", Family = SensorFamily.RemoteId }] });

        Assert.Equal(TimeSpan.FromSeconds(60), site.Sensors[0].StallTime);
    }

    [Fact]
    public void Build_StallSecondsSet_WindowOfThatSensorOnly()
    {
        var site = SiteModel.Build(new SiteOptions
        {
            Sensors = [new SensorOptions { Id = "rid-1", Family = SensorFamily.RemoteId, StallSeconds = 15 }, new SensorOptions { Id = "rid-2", Family = SensorFamily.RemoteId }],
        });

        Assert.Equal(TimeSpan.FromSeconds(15), site.Sensors[0].StallTime);
        Assert.Equal(TimeSpan.FromSeconds(60), site.Sensors[1].StallTime);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    [InlineData(double.NaN)]
    public void Build_StallSecondsOutOfRange_RefusedNamingKey(double seconds)
    {
        var e = Assert.Throws<ConfigurationException>(() => SiteModel.Build(new SiteOptions
        {
            Sensors = [new SensorOptions { Id = "rid-1", Family = SensorFamily.RemoteId, StallSeconds = seconds }],
        }));

        Assert.Equal("Site:Sensors:0:StallSeconds", e.Key);
    }
}
