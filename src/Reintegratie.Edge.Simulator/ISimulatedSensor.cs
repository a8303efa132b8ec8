namespace Reintegratie.Edge.Simulator;

/// <summary>
/// A simulated sensor speaking its family's real wire format over the real transport (pty pair, TCP, drop folder,
/// simulated GPIO line). Created per configured sensor by its family's <see cref="ISimulatedSensorFactory"/>.
/// </summary>
public interface ISimulatedSensor : IAsyncDisposable
{
    /// <summary>The sensor id it plays.</summary>
    string SensorId { get; }

    /// <summary>
    /// Creates the transport before the gateway starts (e.g. opens a pty pair) and returns configuration values the
    /// gateway must use for this sensor, as keys relative to the sensor's section (e.g. <c>Port</c> = /dev/pts/5).
    /// </summary>
    Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Connects where the gateway listens (TCP sensors) once it runs; starts heartbeats.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Performs one step. Long actions (a flight path) run in the background and return at once.</summary>
    Task ExecuteAsync(ScenarioStep step, CancellationToken cancellationToken);
}
