namespace Reintegratie.Edge.Sensors.Perimeter.Simulation;

/// <summary>
/// The simulated hardware of one perimeter input, shared through the simulator's hardware registry
/// (<c>SimulationContext.Hardware</c>, keyed by sensor id): the GPIO chip for <c>contact</c>/<c>dual</c> inputs and the
/// ADC for <c>eol</c> inputs. Whichever side comes first (gateway factory or simulator profile) creates it.
/// </summary>
public sealed class SimulatedPerimeterHardware
{
    /// <summary>The GPIO chip the input's lines are on.</summary>
    public SimulatedGpioDriver Gpio { get; } = new();

    /// <summary>The MCP3008 the input's loop is read through.</summary>
    public SimulatedMcp3008 Adc { get; } = new();

    /// <summary>Gets the hardware registered for <paramref name="sensorId"/>, creating and registering it when absent.</summary>
    /// <exception cref="InvalidOperationException">The id holds hardware of another family.</exception>
    public static SimulatedPerimeterHardware GetOrCreate(IDictionary<string, object> registry, string sensorId)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrEmpty(sensorId);
        lock (registry) // the gateway and the simulator may start on different threads; both lock the registry itself
        {
            if (registry.TryGetValue(sensorId, out var existing))
            {
                return existing as SimulatedPerimeterHardware
                    ?? throw new InvalidOperationException($"Simulated hardware for '{sensorId}' is a {existing.GetType().Name}, not perimeter hardware.");
            }

            var created = new SimulatedPerimeterHardware();
            registry[sensorId] = created;
            return created;
        }
    }
}
