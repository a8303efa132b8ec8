using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Simulator.Profiles;

namespace Reintegratie.Edge.Simulator.Tests.Profiles;

/// <summary><see cref="SimulationContext.UseConfiguredTransports"/>: transports go where the gateway's configuration points, not under the work directory.</summary>
public sealed class ConfiguredTransportsTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("sim-configured-work-");
    private readonly DirectoryInfo _target = Directory.CreateTempSubdirectory("sim-configured-target-");

    public static TheoryData<ISimulatedSensorFactory> SerialFactories => new() { new RfDetectorSimulatorFactory(), new RemoteIdSimulatorFactory() };

    [Theory]
    [MemberData(nameof(SerialFactories))]
    public async Task SerialProfile_ConfiguredTransports_LinksPtyAtConfiguredPortAndRemovesItOnDispose(ISimulatedSensorFactory factory)
    {
        var port = Path.Combine(_target.FullName, "dev.tty");
        var section = Section(("Id", "s-1"), ("Port", port));

        var sensor = factory.Create(section, Context(external: true));
        var overrides = await sensor.PrepareAsync(CancellationToken.None);

        Assert.Equal(port, overrides["Port"]);
        Assert.StartsWith("/dev/pts/", new FileInfo(port).LinkTarget, StringComparison.Ordinal);
        Assert.Empty(_work.EnumerateFileSystemInfos());
        await sensor.DisposeAsync();
        Assert.Null(new FileInfo(port).LinkTarget);
    }

    [Theory]
    [MemberData(nameof(SerialFactories))]
    public async Task SerialProfile_InProcess_LinksPtyInWorkDirectory(ISimulatedSensorFactory factory)
    {
        var section = Section(("Id", "s-1"), ("Port", "(simulated)"));

        await using var sensor = factory.Create(section, Context(external: false));
        var overrides = await sensor.PrepareAsync(CancellationToken.None);

        Assert.Equal(Path.Combine(_work.FullName, "s-1.tty"), overrides["Port"]);
    }

    [Theory]
    [MemberData(nameof(SerialFactories))]
    public void SerialProfile_ConfiguredTransportsWithRelativePort_IsRejected(ISimulatedSensorFactory factory)
    {
        var section = Section(("Id", "s-1"), ("Port", "ttyUSB0"));

        var ex = Assert.Throws<ArgumentException>(() => factory.Create(section, Context(external: true)));

        Assert.Contains("Site:Sensors:0:Port", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodycamProfile_ConfiguredTransports_WritesIntoConfiguredDropFolder()
    {
        var drop = Path.Combine(_target.FullName, "drop");
        var section = Section(("Id", "bodycam"), ("DropFolder", drop));

        await using var sensor = new BodycamSimulatorFactory().Create(section, Context(external: true));
        var overrides = await sensor.PrepareAsync(CancellationToken.None);
        await sensor.ExecuteAsync(new ScenarioStep { Sensor = "bodycam", Action = "upload" }, CancellationToken.None);

        Assert.Equal(drop, overrides["DropFolder"]);
        Assert.Single(Directory.GetFiles(drop, "*.json"));
        Assert.Empty(_work.EnumerateFileSystemInfos());
    }

    public void Dispose()
    {
        _work.Delete(recursive: true);
        _target.Delete(recursive: true);
    }

    private SimulationContext Context(bool external) =>
        new(_work.FullName, TimeProvider.System, NullLoggerFactory.Instance, new Dictionary<string, object>(), UseConfiguredTransports: external);

    private static IConfigurationSection Section(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Site:Sensors:0:" + v.Key, v.Value)))
            .Build()
            .GetSection("Site:Sensors:0");
}
