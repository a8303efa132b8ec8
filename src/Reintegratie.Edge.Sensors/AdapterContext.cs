using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors;

/// <summary>What every adapter gets from the gateway.</summary>
/// <param name="Site">The resolved site model.</param>
/// <param name="Sink">Where events go (the ring).</param>
/// <param name="Health">Sensor health registry (Touch per valid frame, Report on transitions).</param>
/// <param name="Time">The clock (TimeProvider); adapters never read the wall clock directly.</param>
/// <param name="LoggerFactory">Logging.</param>
/// <param name="Privacy">The pseudonymiser for personal identifiers, when configured (GSM, bodycam need it).</param>
/// <param name="Links">How network sensors are admitted (<c>SensorLinks</c>); null in component tests means
/// <see cref="Links.SensorLinkSettings.TestRig"/> (plaintext from loopback only).</param>
public sealed record AdapterContext(
    SiteModel Site,
    IEventSink Sink,
    SensorHealthRegistry Health,
    TimeProvider Time,
    ILoggerFactory LoggerFactory,
    object? Privacy = null,
    Links.SensorLinkSettings? Links = null);
