using Reintegratie.Edge.Gateway.Systemd;

namespace Reintegratie.Edge.Gateway.Tests.Systemd;

/// <summary>A pipeline progress check the test flips between healthy and a stuck stage.</summary>
internal sealed class SwitchableProgress : IPipelineProgress
{
    private volatile string? _stuck;

    public void Stall(string stage) => _stuck = stage;

    public void Resume() => _stuck = null;

    public bool IsHealthy(out string? stuckStage)
    {
        stuckStage = _stuck;
        return stuckStage is null;
    }
}
