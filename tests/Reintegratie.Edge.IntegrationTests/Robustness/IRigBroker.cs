namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// A real broker process the robustness rig runs against (mosquitto, RabbitMQ's MQTT plugin): a fixed loopback port,
/// stopped (state saved) and started again on the same port. Whoever creates the broker disposes it.
/// </summary>
public interface IRigBroker
{
    /// <summary>Short name for test output, e.g. "mosquitto".</summary>
    string Name { get; }

    /// <summary>The MQTT listener on 127.0.0.1.</summary>
    int Port { get; }

    /// <summary>Starts the broker and returns once it accepts MQTT connections.</summary>
    void Start();

    /// <summary>Stops the broker cleanly (its persistent state is saved) and returns once the process has exited.</summary>
    void Stop();
}
