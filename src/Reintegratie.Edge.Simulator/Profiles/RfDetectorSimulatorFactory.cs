using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>Simulated RF detectors: a pty pair speaking <c>$PRFDT</c> sentences (actions: track, unplug, replug).</summary>
public sealed class RfDetectorSimulatorFactory : SerialLineSimulatorFactory
{
    /// <inheritdoc />
    public override SensorFamily Family => SensorFamily.RfDetector;

    /// <inheritdoc />
    protected override SerialLineSimulatedSensor Create(string sensorId, SimulationContext context, string? linkPath) =>
        new RfDetectorSimulatedSensor(sensorId, context, linkPath);
}
