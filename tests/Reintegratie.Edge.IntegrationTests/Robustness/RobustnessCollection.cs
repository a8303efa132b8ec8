namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// The robustness cases run one at a time and alone (each drives a real gateway, broker and ptys on a 2-core machine;
/// the flood case measures latency).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RobustnessCollection
{
    public const string Name = "Robustness";
}
