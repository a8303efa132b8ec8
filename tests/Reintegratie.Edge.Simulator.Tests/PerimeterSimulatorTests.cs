using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Perimeter.Simulation;
using Reintegratie.Edge.Simulator.Profiles;

namespace Reintegratie.Edge.Simulator.Tests;

public sealed class PerimeterSimulatorTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Open_EitherSideCreatedFirst_GatewaySeesTheAlarm(bool simulatorFirst)
    {
        await using var rig = await new PerimeterSimulatorRig(("Line", "17")).StartAsync(simulatorFirst);

        await rig.StepAsync("open");
        rig.Advance(TimeSpan.FromMilliseconds(200));
        await rig.StepAsync("close");
        rig.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal([PerimeterState.Alarm, PerimeterState.Normal], rig.States);
        Assert.IsType<SimulatedPerimeterHardware>(Assert.Single(rig.Hardware.Values));
    }

    [Fact]
    public async Task Prepare_TellsTheGatewayToUseTheSimulatedDriver()
    {
        await using var rig = new PerimeterSimulatorRig(("Line", "17"));
        var sim = new PerimeterSimulatorFactory().Create(rig.Section, rig.Context);

        var overrides = await sim.PrepareAsync(CancellationToken.None);

        Assert.Equal("simulated", overrides["Driver"]);
        await sim.DisposeAsync();
    }

    [Fact]
    public async Task Impact_AlarmForTheGivenTimeThenNormal()
    {
        await using var rig = await new PerimeterSimulatorRig(("Line", "17")).StartAsync();

        await rig.StepAsync("impact", """{"ms": 300}""");
        await rig.AdvanceUntilAsync(() => rig.States.Count >= 2, TimeSpan.FromSeconds(10));

        Assert.Equal([PerimeterState.Alarm, PerimeterState.Normal], rig.States);
    }

    [Fact]
    public async Task Chatter_FastToggles_GatewayReportsOneFault()
    {
        await using var rig = await new PerimeterSimulatorRig(("Line", "17"), ("ChatterPerMinute", "10"), ("DebounceMs", "1000")).StartAsync();

        await rig.StepAsync("chatter", """{"count": 30, "intervalMs": 20}""");
        await rig.AdvanceUntilAsync(() => rig.States.Count >= 1, TimeSpan.FromSeconds(10));
        rig.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([PerimeterState.Fault], rig.States);
    }

    [Fact]
    public async Task Cut_DualInput_IsTamper()
    {
        await using var rig = await new PerimeterSimulatorRig(("Mode", "dual"), ("Line", "17"), ("TamperLine", "27")).StartAsync();

        await rig.StepAsync("cut");
        rig.Advance(TimeSpan.FromMilliseconds(200));
        await rig.StepAsync("restore");
        rig.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal([PerimeterState.TamperOpen, PerimeterState.Normal], rig.States);
    }

    [Theory]
    [InlineData("cut", PerimeterState.TamperOpen)]
    [InlineData("short", PerimeterState.TamperShort)]
    [InlineData("open", PerimeterState.Alarm)]
    public async Task EolLoop_Action_GivesItsBand(string action, PerimeterState expected)
    {
        await using var rig = await new PerimeterSimulatorRig(("Mode", "eol"), ("Spi:Channel", "2")).StartAsync();

        await rig.StepAsync(action);
        rig.Advance(TimeSpan.FromMilliseconds(500));
        await rig.StepAsync("restore");
        rig.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Equal([expected, PerimeterState.Normal], rig.States);
    }

    [Theory]
    [InlineData("contact")]
    [InlineData("eol")]
    public async Task DeadThenAlive_FaultThenRecovery(string mode)
    {
        var keys = mode == "eol" ? new[] { ("Mode", "eol") } : [("Line", "17")];
        await using var rig = await new PerimeterSimulatorRig(keys).StartAsync();

        await rig.StepAsync("dead");
        rig.Advance(TimeSpan.FromSeconds(6));
        await rig.StepAsync("alive");
        rig.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal([PerimeterState.Fault, PerimeterState.Normal], rig.States);
    }

    [Fact]
    public async Task UnknownAction_ListsTheKnownOnes()
    {
        await using var rig = await new PerimeterSimulatorRig(("Line", "17")).StartAsync();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => rig.StepAsync("explode"));

        Assert.Contains("impact", ex.Message);
    }

    [Fact]
    public async Task Impact_BadArgument_NamesIt()
    {
        await using var rig = await new PerimeterSimulatorRig(("Line", "17")).StartAsync();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => rig.StepAsync("impact", """{"ms": "long"}"""));

        Assert.Contains("args.ms", ex.Message);
    }
}
