using System.Text.Json;

namespace Reintegratie.Edge.Gateway.Tests.Hosting;

/// <summary>
/// The GC settings the gateway ships with: the build writes them into reintegratie-edge.runtimeconfig.json (the JIT
/// build reads that file) from the same items ILC embeds into the NativeAOT binary (docs/BENCHMARKS.md, 'the levers pulled').
/// </summary>
public sealed class GatewayRuntimeConfigTests
{
    [Fact]
    public void RuntimeConfig_GatewayBuild_CapsGen0BudgetAtOneMegabyteWithWorkstationNonConcurrentGc()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "reintegratie-edge.runtimeconfig.json");

        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(1_048_576, properties.GetProperty("System.GC.Gen0MaxBudget").GetInt64());
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(properties.GetProperty("System.GC.Concurrent").GetBoolean());
    }
}
