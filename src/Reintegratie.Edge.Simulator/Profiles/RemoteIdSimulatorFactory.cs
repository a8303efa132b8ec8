using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>Simulated Remote ID receivers: a pty pair speaking <c>RID,...</c> lines (actions: fly, unplug, replug).</summary>
public sealed class RemoteIdSimulatorFactory : SerialLineSimulatorFactory
{
    /// <inheritdoc />
    public override SensorFamily Family => SensorFamily.RemoteId;

    /// <inheritdoc />
    protected override SerialLineSimulatedSensor Create(string sensorId, SimulationContext context, string? linkPath) =>
        new RemoteIdSimulatedSensor(sensorId, context, linkPath);
}
