using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Perimeter;
using Reintegratie.Edge.Sensors.Perimeter.Simulation;

namespace Reintegratie.Edge.Sensors.Tests.Perimeter;

public sealed class PerimeterAdapterFactoryTests
{
    private const string Prefix = "Site:Sensors:4";

    private static IConfigurationSection Section(params (string Key, string Value)[] values)
    {
        var dict = values.ToDictionary(v => $"{Prefix}:{v.Key}", v => (string?)v.Value);
        return new ConfigurationBuilder().AddInMemoryCollection(dict).Build().GetSection(Prefix);
    }

    [Theory]
    [InlineData("Line", "x", "Site:Sensors:4:Line")]
    [InlineData("Line", "-1", "Site:Sensors:4:Line")]
    [InlineData("Line", "512", "Site:Sensors:4:Line")]
    [InlineData("Driver", "sysfs", "Site:Sensors:4:Driver")]
    [InlineData("Mode", "triple", "Site:Sensors:4:Mode")]
    [InlineData("Chip", "-2", "Site:Sensors:4:Chip")]
    [InlineData("ActiveLow", "yes", "Site:Sensors:4:ActiveLow")]
    [InlineData("Bias", "Up", "Site:Sensors:4:Bias")]
    [InlineData("DebounceMs", "0", "Site:Sensors:4:DebounceMs")]
    [InlineData("ChatterPerMinute", "0", "Site:Sensors:4:ChatterPerMinute")]
    [InlineData("SupervisionSeconds", "0", "Site:Sensors:4:SupervisionSeconds")]
    [InlineData("TamperLine", "18", "Site:Sensors:4:TamperLine")]
    [InlineData("Spi:Channel", "1", "Site:Sensors:4:Spi")]
    [InlineData("Eol:SampleMs", "100", "Site:Sensors:4:Eol")]
    public void Validate_BadContactKey_NamesTheFullKey(string key, string value, string expectedKey)
    {
        var pairs = new List<(string, string)> { ("Line", "17") };
        pairs.RemoveAll(p => p.Item1 == key);
        pairs.Add((key, value));
        var factory = new PerimeterAdapterFactory();

        var ex = Assert.Throws<ConfigurationException>(() => factory.Validate(Section([.. pairs]), Prefix));

        Assert.Equal(expectedKey, ex.Key);
        Assert.StartsWith(expectedKey + ":", ex.Message);
    }

    [Theory]
    [InlineData("Spi:Channel", "8", "Site:Sensors:4:Spi:Channel")]
    [InlineData("Spi:Bus", "x", "Site:Sensors:4:Spi:Bus")]
    [InlineData("Spi:ChipSelect", "-1", "Site:Sensors:4:Spi:ChipSelect")]
    [InlineData("Spi:ClockHz", "5000000", "Site:Sensors:4:Spi:ClockHz")]
    [InlineData("Eol:ShortBelow", "0", "Site:Sensors:4:Eol:ShortBelow")]
    [InlineData("Eol:NormalBelow", "100", "Site:Sensors:4:Eol:NormalBelow")]
    [InlineData("Eol:AlarmBelow", "300", "Site:Sensors:4:Eol:AlarmBelow")]
    [InlineData("Eol:SampleMs", "5", "Site:Sensors:4:Eol:SampleMs")]
    [InlineData("Line", "17", "Site:Sensors:4:Line")]
    public void Validate_BadEolKey_NamesTheFullKey(string key, string value, string expectedKey)
    {
        var factory = new PerimeterAdapterFactory();

        var ex = Assert.Throws<ConfigurationException>(() => factory.Validate(Section(("Mode", "eol"), (key, value)), Prefix));

        Assert.Equal(expectedKey, ex.Key);
    }

    [Fact]
    public void Validate_ContactWithoutLine_SaysItIsRequired()
    {
        var ex = Assert.Throws<ConfigurationException>(() => new PerimeterAdapterFactory().Validate(Section(("Mode", "contact")), Prefix));

        Assert.Equal("Site:Sensors:4:Line", ex.Key);
        Assert.Contains("required", ex.Message);
    }

    [Fact]
    public void Validate_DualWithoutTamperLine_NamesTamperLine()
    {
        var ex = Assert.Throws<ConfigurationException>(() => new PerimeterAdapterFactory().Validate(Section(("Mode", "dual"), ("Line", "17")), Prefix));

        Assert.Equal("Site:Sensors:4:TamperLine", ex.Key);
    }

    [Fact]
    public void Validate_DualTamperLineSameAsLine_IsRefused()
    {
        var ex = Assert.Throws<ConfigurationException>(() =>
            new PerimeterAdapterFactory().Validate(Section(("Mode", "dual"), ("Line", "17"), ("TamperLine", "17")), Prefix));

        Assert.Equal("Site:Sensors:4:TamperLine", ex.Key);
    }

    [Fact]
    public void Read_FullContactEntry_TakesEveryValue()
    {
        var o = PerimeterOptionsReader.Read(Section(
            ("Driver", "libgpiod2"), ("Chip", "4"), ("Line", "22"), ("ActiveLow", "true"), ("Bias", "none"),
            ("DebounceMs", "80"), ("ChatterPerMinute", "12"), ("SupervisionSeconds", "2.5")), Prefix);

        Assert.Equal(PerimeterDriver.Libgpiod2, o.Driver);
        Assert.Equal(4, o.Chip);
        Assert.Equal(22, o.Line);
        Assert.True(o.ActiveLow);
        Assert.Equal(PerimeterBias.None, o.Bias);
        Assert.Equal(80, o.DebounceMs);
        Assert.Equal(12, o.ChatterPerMinute);
        Assert.Equal(2.5, o.SupervisionSeconds);
    }

    [Fact]
    public void Read_EolDefaults_FitTheDocumentedLoop()
    {
        var o = PerimeterOptionsReader.Read(Section(("Mode", "eol")), Prefix);

        Assert.Equal(PerimeterMode.Eol, o.Mode);
        Assert.Equal(EolThresholds.Default, o.Eol);
        Assert.Equal(100, o.EolSampleMs);
        Assert.Equal(2, o.EolSettleSamples);
        Assert.Equal(1_000_000, o.Spi.ClockHz);
    }

    [Fact]
    public async Task Create_Simulated_SharesTheRegistryHardware()
    {
        var registry = new Dictionary<string, object>();
        var rig = new PerimeterRig(PerimeterRig.Contact());
        var factory = new PerimeterAdapterFactory(registry);
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Sensors:1:Id"] = "fence-1",
            ["Site:Sensors:1:Driver"] = "simulated",
            ["Site:Sensors:1:Line"] = "17",
        }).Build().GetSection("Site:Sensors:1");

        var adapter = Assert.Single(factory.Create([(section, rig.Sensor)], rig.Context));
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        var hw = SimulatedPerimeterHardware.GetOrCreate(registry, "fence-1");
        rig.Advance(TimeSpan.FromMilliseconds(100));
        hw.Gpio.SetInputLevel(17, System.Device.Gpio.PinValue.High);
        rig.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal([PerimeterState.Alarm], rig.Sink.States);
        Assert.Equal("fence-1", adapter.Name);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        await adapter.DisposeAsync();
        Assert.False(hw.Gpio.IsOpen(17));
    }

    [Fact]
    public void Create_TwoInputsOnOneLine_NamesTheSecondLine()
    {
        var rig = new PerimeterRig(PerimeterRig.Contact());
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Sensors:0:Line"] = "17",
            ["Site:Sensors:1:Line"] = "17",
        }).Build();

        var ex = Assert.Throws<ConfigurationException>(() => new PerimeterAdapterFactory().Create(
            [(config.GetSection("Site:Sensors:0"), rig.Sensor), (config.GetSection("Site:Sensors:1"), rig.Sensor)], rig.Context));

        Assert.Equal("Site:Sensors:1:Line", ex.Key);
    }

    [Fact]
    public void Family_IsPerimeter()
    {
        Assert.Equal(SensorFamily.Perimeter, new PerimeterAdapterFactory().Family);
    }
}
