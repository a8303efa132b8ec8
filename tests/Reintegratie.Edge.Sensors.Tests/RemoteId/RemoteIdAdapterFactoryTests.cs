using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RfDetector;
using Reintegratie.Edge.Sensors.Tests.Transports;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

public class RemoteIdAdapterFactoryTests
{
    [Theory]
    [InlineData(null, null, null, "Site:Sensors:0:Port")]
    [InlineData("ttyUSB0", null, null, "Site:Sensors:0:Port")]
    [InlineData("/dev/ttyUSB0", "fast", null, "Site:Sensors:0:Baud")]
    [InlineData("/dev/ttyUSB0", null, "0", "Site:Sensors:0:StaleTrackSeconds")]
    [InlineData("/dev/ttyUSB0", null, null, "Site:Sensors:0:SerialDriver", "pigpio")]
    [InlineData("/dev/ttyUSB0", null, null, "Site:Sensors:0:SerialDriver", "1")]
    public void Validate_BadValue_NamesTheKey(string? port, string? baud, string? stale, string key, string? driver = null)
    {
        var section = Section(("Port", port), ("Baud", baud), ("StaleTrackSeconds", stale), ("SerialDriver", driver));

        var ex = Assert.Throws<ConfigurationException>(() => new RemoteIdAdapterFactory().Validate(section, "Site:Sensors:0"));

        Assert.Equal(key, ex.Key);
    }

    [Theory]
    [InlineData("NewTracksPerSecond", "0")]
    [InlineData("NewTracksPerSecond", "many")]
    [InlineData("NewTrackBurst", "0")]
    [InlineData("NewTrackBurst", "2.5")]
    [InlineData("RangeM", "-1")]
    [InlineData("RangeM", "far")]
    public void Validate_BadNewTrackBudget_NamesTheKey(string key, string value)
    {
        var ex = Assert.Throws<ConfigurationException>(() => new RemoteIdAdapterFactory().Validate(Section(("Format", "pcap"), ("Capture", "/tmp/a.pcap"), (key, value)), "Site:Sensors:2"));

        Assert.Equal($"Site:Sensors:2:{key}", ex.Key);
    }

    [Theory]
    [InlineData("pcap", "/tmp/a.pcap", "wlan1", null, null, "Site:Sensors:1:Capture")]
    [InlineData("pcap", null, "wlan 1", null, null, "Site:Sensors:1:Interface")]
    [InlineData("pcap", null, "wlan1", "6,200", null, "Site:Sensors:1:Channels")]
    [InlineData("pcap", null, "wlan1", "six", null, "Site:Sensors:1:Channels")]
    [InlineData("pcap", null, "wlan1", null, "5", "Site:Sensors:1:DwellMs")]
    [InlineData("hci", null, null, null, null, "Site:Sensors:1:Interface")]
    [InlineData("hci", null, "wlan1", null, null, "Site:Sensors:1:Interface")]
    [InlineData("hci", null, "hci", null, null, "Site:Sensors:1:Interface")]
    public void Validate_BadLiveCapture_NamesTheKey(string format, string? capture, string? iface, string? channels, string? dwell, string key)
    {
        var section = Section(("Format", format), ("Capture", capture), ("Interface", iface), ("Channels", channels), ("DwellMs", dwell));

        var ex = Assert.Throws<ConfigurationException>(() => new RemoteIdAdapterFactory().Validate(section, "Site:Sensors:1"));

        Assert.Equal(key, ex.Key);
    }

    [Theory]
    [InlineData("pcap", "wlan1", "run/capture.sock")]
    [InlineData("hci", "hci0", "/run/reintegratie-edge/a-path-longer-than-sockaddr-un-holds/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.sock")]
    public void Validate_BadCaptureSocket_NamesTheKey(string format, string iface, string socket)
    {
        var section = Section(("Format", format), ("Interface", iface), ("CaptureSocket", socket));

        var ex = Assert.Throws<ConfigurationException>(() => new RemoteIdAdapterFactory().Validate(section, "Site:Sensors:1"));

        Assert.Equal("Site:Sensors:1:CaptureSocket", ex.Key);
    }

    [Fact]
    public void Read_LiveSources_RelaySocketPerInterfaceUnlessConfigured()
    {
        var wifi = RemoteIdOptions.Read(Section(("Format", "pcap"), ("Interface", "wlan1")), "Site:Sensors:0");
        var hci = RemoteIdOptions.Read(Section(("Format", "hci"), ("Interface", "hci0"), ("CaptureSocket", "/run/edge/bt.sock")), "Site:Sensors:0");

        Assert.Equal("/run/reintegratie-edge/capture-wlan1.sock", wifi.CaptureSocket);
        Assert.Equal("/run/edge/bt.sock", hci.CaptureSocket);
        Assert.Contains("CaptureSocket", RemoteIdOptions.Keys); // accepted by the configuration key checker
    }

    [Fact]
    public void Read_LiveSources_DefaultsChannelsNoneAndHci()
    {
        var wifi = RemoteIdOptions.Read(Section(("Format", "pcap"), ("Interface", "wlan1")), "Site:Sensors:0");
        var fixedChannel = RemoteIdOptions.Read(Section(("Format", "pcap"), ("Interface", "wlan1"), ("Channels", "none")), "Site:Sensors:0");
        var hci = RemoteIdOptions.Read(Section(("Format", "HCI"), ("Interface", "hci1")), "Site:Sensors:0");

        Assert.Equal([6, 149], wifi.Channels);
        Assert.Equal(TimeSpan.FromMilliseconds(250), wifi.Dwell);
        Assert.Empty(fixedChannel.Channels);
        Assert.Equal((RemoteIdFormat.Hci, "hci1"), (hci.Format, hci.Interface));
    }

    [Fact]
    public void Read_NewTrackBudget_DefaultsAndOverride()
    {
        var defaults = RemoteIdOptions.Read(Section(("Port", "/dev/ttyUSB0")), "Site:Sensors:0");
        var set = RemoteIdOptions.Read(Section(("Port", "/dev/ttyUSB0"), ("NewTracksPerSecond", "0.5"), ("NewTrackBurst", "3")), "Site:Sensors:0");

        Assert.Equal((5.0, 20), (defaults.NewTracksPerSecond, defaults.NewTrackBurst));
        Assert.Equal((0.5, 3), (set.NewTracksPerSecond, set.NewTrackBurst));
    }

    [Fact]
    public void Validate_Defaults_Accepted()
    {
        var options = RemoteIdOptions.Read(Section(("Port", "/dev/ttyUSB0")), "Site:Sensors:0");

        Assert.Equal(115200, options.Baud);
        Assert.Equal(30, options.StaleTrackSeconds);
        Assert.Equal(512, options.MaxLineBytes);
        Assert.Equal(SerialDriver.Tty, options.Driver);
        Assert.Equal(SensorFamily.RemoteId, new RemoteIdAdapterFactory().Family);
    }

    [Fact]
    public void RfDetectorValidate_DefaultsAndBadMaxLine_BaudDefaultsAndKeyNamed()
    {
        Assert.Equal(38400, RfDetectorOptions.Read(Section(("Port", "/dev/ttyAMA0")), "p").Baud);

        var ex = Assert.Throws<ConfigurationException>(() => new RfDetectorAdapterFactory().Validate(Section(("Port", "/dev/ttyAMA0"), ("MaxLineBytes", "10")), "Site:Sensors:3"));

        Assert.Equal("Site:Sensors:3:MaxLineBytes", ex.Key);
    }

    [Theory]
    [InlineData("SystemIoPorts", SerialDriver.SystemIoPorts)]
    [InlineData("systemioports", SerialDriver.SystemIoPorts)]
    [InlineData("tty", SerialDriver.Tty)]
    public void Read_SerialDriver_CaseInsensitive(string value, SerialDriver expected)
    {
        Assert.Equal(expected, RemoteIdOptions.Read(Section(("Port", "/dev/ttyUSB0"), ("SerialDriver", value)), "p").Driver);
        Assert.Equal(expected, RfDetectorOptions.Read(Section(("Port", "/dev/ttyAMA0"), ("SerialDriver", value)), "p").ToReaderOptions().Driver);
    }

    [Theory]
    [InlineData(null, RemoteIdFormat.Line)]
    [InlineData("line", RemoteIdFormat.Line)]
    [InlineData("mavlink", RemoteIdFormat.Mavlink)]
    [InlineData("MAVLink", RemoteIdFormat.Mavlink)]
    public void Read_Format_CaseInsensitiveLineByDefault(string? value, RemoteIdFormat expected) =>
        Assert.Equal(expected, RemoteIdOptions.Read(Section(("Port", "/dev/ttyUSB0"), ("Format", value)), "p").Format);

    [Theory]
    [InlineData("nmea")]
    [InlineData("1")]
    public void Validate_BadFormat_NamesTheKey(string value)
    {
        var ex = Assert.Throws<ConfigurationException>(() => new RemoteIdAdapterFactory().Validate(Section(("Port", "/dev/ttyUSB0"), ("Format", value)), "Site:Sensors:0"));

        Assert.Equal("Site:Sensors:0:Format", ex.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("captures/rid.pcap")]
    public void Validate_PcapWithoutAbsoluteCapture_NamesTheKey(string? capture)
    {
        var ex = Assert.Throws<ConfigurationException>(() => new RemoteIdAdapterFactory().Validate(Section(("Format", "pcap"), ("Capture", capture)), "Site:Sensors:0"));

        Assert.Equal("Site:Sensors:0:Capture", ex.Key);
    }

    [Fact]
    public void Create_FormatPcap_CaptureAdapterWithoutAPort()
    {
        var site = TestSite.Build(SensorFamily.RemoteId);
        var ctx = TestSite.Context(site, new CollectingEventSink());

        var adapters = new RemoteIdAdapterFactory().Create([(Section(("Format", "pcap"), ("Capture", "/var/lib/reintegratie-edge/incident.pcapng")), site.Sensors[0])], ctx);

        Assert.IsType<Sensors.RemoteId.Capture.CaptureRemoteIdAdapter>(Assert.Single(adapters));
    }

    [Fact]
    public void Create_FormatMavlink_MavlinkAdapter()
    {
        var site = TestSite.Build(SensorFamily.RemoteId);
        var ctx = TestSite.Context(site, new CollectingEventSink());

        var adapters = new RemoteIdAdapterFactory().Create([(Section(("Port", "/dev/ttyUSB0"), ("Format", "mavlink")), site.Sensors[0])], ctx);

        Assert.IsType<Sensors.RemoteId.Mavlink.MavlinkRemoteIdAdapter>(Assert.Single(adapters));
    }

    private static IConfigurationSection Section(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string?>($"Site:Sensors:0:{v.Key}", v.Value)))
            .Build()
            .GetSection("Site:Sensors:0");
}
