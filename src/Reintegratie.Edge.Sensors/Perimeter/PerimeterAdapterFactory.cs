using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Device.Spi;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Perimeter.Simulation;

namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>
/// Creates one <see cref="PerimeterAdapter"/> per configured perimeter input. Production inputs get
/// <c>new GpioController(new LibGpiodDriver(Chip))</c> (or <see cref="LibGpiodV2Driver"/> with <c>Driver = libgpiod2</c>;
/// never sysfs) or <c>SpiDevice.Create</c> for the MCP3008, opened by the adapter on each start and disposed by it.
/// <c>Driver = simulated</c> takes the input's <see cref="SimulatedPerimeterHardware"/> from the hardware registry
/// (creating it when the simulator has not yet), so the simulator drives the very chip the adapter reads.
/// </summary>
public sealed class PerimeterAdapterFactory : ISensorAdapterFactory
{
    private readonly IDictionary<string, object> _hardware;

    /// <summary>Creates the factory.</summary>
    /// <param name="hardware">The simulated hardware registry keyed by sensor id (<c>SimulationContext.Hardware</c>); only used with <c>Driver = simulated</c>.</param>
    public PerimeterAdapterFactory(IDictionary<string, object> hardware)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        _hardware = hardware;
    }

    /// <summary>Creates a factory without simulated hardware (a <c>simulated</c> input then gets fresh, undriven hardware).</summary>
    public PerimeterAdapterFactory()
        : this(new Dictionary<string, object>(StringComparer.Ordinal))
    {
    }

    /// <inheritdoc />
    public SensorFamily Family => SensorFamily.Perimeter;

    /// <inheritdoc />
    public void Validate(IConfigurationSection section, string keyPrefix) => PerimeterOptionsReader.Read(section, keyPrefix);

    /// <inheritdoc />
    public IReadOnlyList<ISensorAdapter> Create(IReadOnlyList<(IConfigurationSection Section, Sensor Sensor)> sensors, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(context);
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        var adapters = new List<ISensorAdapter>(sensors.Count);
        foreach (var (section, sensor) in sensors)
        {
            var options = PerimeterOptionsReader.Read(section, section.Path);
            Claim(claimed, options, sensor.Id, section.Path);
            adapters.Add(new PerimeterAdapter(sensor, options, context, CreateInput(options, sensor.Id)));
        }

        return adapters;
    }

    private IPerimeterInput CreateInput(PerimeterOptions options, string sensorId)
    {
        if (options.Driver == PerimeterDriver.Simulated)
        {
            var hw = SimulatedPerimeterHardware.GetOrCreate(_hardware, sensorId);
            return options.Mode == PerimeterMode.Eol
                ? new EolPerimeterInput(options, () => hw.Adc, ownsDevice: false)
                : new GpioPerimeterInput(options, () => new GpioController(hw.Gpio), ownsController: true);
        }

        if (options.Mode == PerimeterMode.Eol)
        {
            return new EolPerimeterInput(options, () => OpenSpi(options.Spi), ownsDevice: true);
        }

        var chip = options.Chip;
        return options.Driver == PerimeterDriver.Libgpiod2
            ? new GpioPerimeterInput(options, () => new GpioController(new LibGpiodV2Driver(chip)), ownsController: true)
            : new GpioPerimeterInput(options, () => new GpioController(new LibGpiodDriver(chip)), ownsController: true);
    }

    private static SpiDevice OpenSpi(PerimeterSpiOptions spi) =>
        SpiDevice.Create(new SpiConnectionSettings(spi.Bus, spi.ChipSelect)
        {
            ClockFrequency = spi.ClockHz,
            Mode = SpiMode.Mode0, // MCP3008 supports modes 0,0 and 1,1 (datasheet section 6.1); 0,0 is the usual choice
            DataBitLength = 8,
        });

    private static void Claim(Dictionary<string, string> claimed, PerimeterOptions o, string sensorId, string path)
    {
        // A libgpiod line or an ADC channel serves one input; a second request would fail at run time, so say it now.
        var scope = o.Driver == PerimeterDriver.Simulated ? sensorId : "hw"; // simulated inputs each have their own chip and ADC
        if (o.Mode == PerimeterMode.Eol)
        {
            ClaimOne(claimed, $"{scope} spi{o.Spi.Bus}.{o.Spi.ChipSelect} channel {o.Spi.Channel}", sensorId, $"{path}:Spi:Channel");
            return;
        }

        ClaimOne(claimed, $"{scope} gpiochip{o.Chip} line {o.Line}", sensorId, $"{path}:Line");
        if (o.Mode == PerimeterMode.Dual)
        {
            ClaimOne(claimed, $"{scope} gpiochip{o.Chip} line {o.TamperLine}", sensorId, $"{path}:TamperLine");
        }
    }

    private static void ClaimOne(Dictionary<string, string> claimed, string resource, string sensorId, string key)
    {
        if (!claimed.TryAdd(resource, sensorId))
        {
            throw new ConfigurationException(key, $"{resource} is already used by sensor '{claimed[resource]}'");
        }
    }
}
