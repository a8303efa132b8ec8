using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Diagnostics;
using Reintegratie.Edge.Core.Fusion;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Pipeline;
using Reintegratie.Edge.Journal.Outbox;
using Reintegratie.Edge.Journal.Writing;
using Reintegratie.Edge.Mqtt.Events;
using Reintegratie.Edge.Sensors;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// The parts of the running gateway, built once in dependency order by <see cref="Build"/>: the journal, the ring
/// pipeline with its stages (fusion, journal, and the optional events stage gated after the journal's sync), sensor
/// health, the outbox, the journal's condition reports and the adapters with their supervisors. Nothing here starts:
/// <see cref="GatewayRuntime"/> does, in order. Disposing closes the outbox, the journal and the pipeline.
/// </summary>
public sealed class GatewayParts : IDisposable
{
    private GatewayParts(JournalWriter journal, EventPipeline pipeline, SensorHealthRegistry health, FusionEngine fusion,
        UlidGenerator alertIds, IReadOnlyList<AlertSnapshot> restored, OutboxStore outbox, JournalConditionReporter conditions,
        IReadOnlyList<AdapterSupervisor> adapters)
    {
        Journal = journal;
        AlertIds = alertIds;
        Restored = restored;
        Pipeline = pipeline;
        Health = health;
        Fusion = fusion;
        Outbox = outbox;
        Conditions = conditions;
        Adapters = adapters;
    }

    /// <summary>The journal writer (stage and alert sink).</summary>
    public JournalWriter Journal { get; }

    /// <summary>The ring pipeline (the adapters' event sink).</summary>
    public EventPipeline Pipeline { get; }

    /// <summary>Sensor health.</summary>
    public SensorHealthRegistry Health { get; }

    /// <summary>Fusion.</summary>
    public FusionEngine Fusion { get; }

    /// <summary>Fusion's alert id generator (its seed and counter go into the start marker).</summary>
    public UlidGenerator AlertIds { get; }

    /// <summary>The active alerts fusion restored from the journal.</summary>
    public IReadOnlyList<AlertSnapshot> Restored { get; }

    /// <summary>The outbox the MQTT session drains.</summary>
    public OutboxStore Outbox { get; }

    /// <summary>Journal faults and recoveries as gateway health events.</summary>
    internal JournalConditionReporter Conditions { get; }

    /// <summary>Each adapter under its supervisor, in configuration order.</summary>
    public IReadOnlyList<AdapterSupervisor> Adapters { get; }

    /// <summary>
    /// Opens the journal (integrity check, recovery of a corrupt file) and builds every part on it; <paramref name="events"/>
    /// (optional, <c>Mqtt:Events</c>) becomes stage "events" after the journal.
    /// </summary>
    public static GatewayParts Build(GatewaySettings settings, SensorCatalog catalog, TimeProvider time, ILoggerFactory loggerFactory, EventStage? events = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        // The journal first: the pipeline numbers events after its last one, and fusion restores its active alerts.
        var journal = JournalWriter.Open(settings.Journal, settings.Site, time, loggerFactory.CreateLogger("Journal"));
        StartTrace.Mark("journal opened");
        var pipeline = new EventPipeline(settings.Pipeline, settings.Site.Sensors.Count, journal.NextEventId, time, loggerFactory.CreateLogger("Pipeline"));
        var health = new SensorHealthRegistry(settings.Site, pipeline, time);
        var alertIds = new UlidGenerator(settings.Fusion.IdSeed);
        var fusion = new FusionEngine(settings.Site, settings.Fusion, journal, loggerFactory.CreateLogger("Fusion"), alertIds);
        var restored = fusion.Restore(journal.LoadActiveAlerts());
        StartTrace.Mark("pipeline built, active alerts restored");

        // Stages in ring order: fusion, journal, then what may only see events the journal has made durable.
        if (settings.Pipeline.FusionOnJournalThread)
        {
            pipeline.AddStage("fusion-journal", ("fusion", fusion), ("journal", journal)); // one thread: no wake-up of the journal per event
        }
        else
        {
            pipeline.AddStage("fusion", fusion);
            pipeline.AddStage("journal", journal);
        }

        journal.SyncInlineWhenIdle(() => pipeline.Ring.Cursor); // nothing behind a commit: the journal thread syncs it, no hand-off
        if (events is not null)
        {
            pipeline.AddStage("events", journal.AfterDurable(events)); // gated after the journal's sync: an event is durable before it is published
            events.LimitWaitToRing(() => pipeline.Ring.Cursor, pipeline.Ring.Capacity); // a slow broker never makes the sensors wait
        }

        var outbox = journal.OpenOutbox();
        StartTrace.Mark("outbox opened");
        var gatewayLogger = loggerFactory.CreateLogger("Gateway");
        var conditions = new JournalConditionReporter(journal, pipeline, time, gatewayLogger);

        // Each adapter names the sensors it serves: a failing or stalled one faults those alone.
        var context = new AdapterContext(settings.Site, pipeline, health, time, loggerFactory, settings.Privacy, settings.Links);
        var adapters = new List<AdapterSupervisor>();
        foreach (var (family, factory) in catalog.Adapters)
        {
            var sensors = GatewayValidation.SensorsOf(settings, family);
            if (sensors.Count > 0)
            {
                foreach (var adapter in factory.Create(sensors, context))
                {
                    adapters.Add(new AdapterSupervisor(adapter, health, time, gatewayLogger));
                }
            }
        }

        StartTrace.Mark("adapters built");
        return new GatewayParts(journal, pipeline, health, fusion, alertIds, restored, outbox, conditions, adapters);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Outbox.Dispose();
        Journal.Dispose();
        Pipeline.Dispose();
    }
}
