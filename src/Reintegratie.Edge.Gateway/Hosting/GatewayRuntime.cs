using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Fusion;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Pipeline;
using Reintegratie.Edge.Journal.Outbox;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Writing;
using Reintegratie.Edge.Mqtt.Events;
using Reintegratie.Edge.Sensors;
using Reintegratie.Edge.Core.Diagnostics;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// The running gateway: journal, ring pipeline (fusion stage, then journal stage), sensor health, adapters.
/// Built before the host starts (the MQTT publisher needs the outbox and the sink); started and stopped as a hosted
/// service. Stop order: adapters, then the pipeline drains and the journal commits its last batch.
/// </summary>
public sealed partial class GatewayRuntime : IHostedService, IDisposable
{
    private readonly GatewaySettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<ISensorAdapter> _adapters = [];
    private readonly List<AdapterSupervisor> _supervisors = [];
    private readonly List<Task> _adapterTasks = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly IReadOnlyList<AlertSnapshot> _restored;
    private readonly UlidGenerator _alertIds;
    private ITimer? _supervision;

    /// <summary>Opens the journal, builds the pipeline and the adapters; <paramref name="events"/> (optional) becomes stage "events" after the journal.</summary>
    public GatewayRuntime(GatewaySettings settings, SensorCatalog catalog, TimeProvider time, ILoggerFactory loggerFactory, EventStage? events = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _settings = settings;
        _time = time;
        _logger = loggerFactory.CreateLogger("Gateway");
        Journal = JournalWriter.Open(settings.Journal, settings.Site, time, loggerFactory.CreateLogger("Journal"));
        StartTrace.Mark("journal opened");
        Pipeline = new EventPipeline(settings.Pipeline, settings.Site.Sensors.Count, Journal.NextEventId, time, loggerFactory.CreateLogger("Pipeline"));
        Health = new SensorHealthRegistry(settings.Site, Pipeline, time);
        _alertIds = new UlidGenerator(settings.Fusion.IdSeed);
        Fusion = new FusionEngine(settings.Site, settings.Fusion, Journal, loggerFactory.CreateLogger("Fusion"), _alertIds);
        _restored = Fusion.Restore(Journal.LoadActiveAlerts());
        StartTrace.Mark("pipeline built, active alerts restored");
        Pipeline.AddStage("fusion", Fusion);
        Pipeline.AddStage("journal", Journal);
        if (events is not null)
        {
            Pipeline.AddStage("events", Journal.AfterDurable(events)); // gated after the journal's sync: an event is durable before it is published
        }

        Outbox = Journal.OpenOutbox();
        StartTrace.Mark("outbox opened");
        Journal.OutboxShedding += shed => ReportGatewayFromJournal(SensorStatus.Fault, SensorStatus.Online, "outbox_shedding");
        Journal.Faulted += reason => ReportGatewayFromJournal(SensorStatus.Fault, SensorStatus.Online, reason);
        Journal.Recovered += () => ReportGatewayFromJournal(SensorStatus.Online, SensorStatus.Fault, "journal_recovered");

        var context = new AdapterContext(settings.Site, Pipeline, Health, time, loggerFactory, settings.Privacy, settings.Links);
        foreach (var (family, factory) in catalog.Adapters)
        {
            var sensors = GatewayValidation.SensorsOf(settings, family);
            if (sensors.Count > 0)
            {
                // Each adapter names the sensors it serves: a failing or stalled one faults those alone.
                foreach (var adapter in factory.Create(sensors, context))
                {
                    _adapters.Add(adapter);
                    _supervisors.Add(new AdapterSupervisor(adapter, Health, time, _logger));
                }
            }
        }

        StartTrace.Mark("adapters built");
    }

    /// <summary>The journal writer (stage and alert sink).</summary>
    public JournalWriter Journal { get; }

    /// <summary>The outbox the publisher drains.</summary>
    public OutboxStore Outbox { get; }

    /// <summary>The ring pipeline (the adapters' event sink).</summary>
    public EventPipeline Pipeline { get; }

    /// <summary>Sensor health.</summary>
    public SensorHealthRegistry Health { get; }

    /// <summary>Fusion.</summary>
    public FusionEngine Fusion { get; }

    /// <summary>Running adapters.</summary>
    public IReadOnlyList<ISensorAdapter> Adapters => _adapters;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var snapshot = SiteSnapshot.Write(_settings.Configuration, _settings.StateDirectory, _settings.Fusion.IdSeed);
        // Before the first event of this run: what fusion was given at start, so edgectl replay does the same here.
        Journal.WriteStart(new StartMarker([.. _restored.Select(a => new RestoredAlert(a.Id, a.Revision))], _alertIds.Seed, _alertIds.Counter,
            Journal.NextEventId, StartMarker.DigestOf(snapshot)));
        Pipeline.Start();
        if (Journal.Recovery is { } recovery)
        {
            LogJournalRecovered(_logger, recovery.MovedTo, recovery.Reason);
            ReportGateway(SensorStatus.Fault, "journal_corrupt_moved_aside");
        }

        _supervision = _time.CreateTimer(static s => ((GatewayRuntime)s!).Health.Supervise(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        foreach (var supervisor in _supervisors)
        {
            _adapterTasks.Add(Task.Run(() => supervisor.RunAsync(_stopping.Token), CancellationToken.None));
        }

        StartTrace.Mark("pipeline and adapters started");
        LogStarted(_logger, _settings.Site.Name, _settings.Site.Zones.Count, _settings.Site.Sensors.Count, _adapters.Count, _settings.Journal.Path);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _supervision?.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_adapterTasks).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var adapter in _adapters)
        {
            try
            {
                await adapter.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogAdapterFailed(_logger, ex, adapter.Name);
            }
        }

        var drained = Pipeline.Stop(TimeSpan.FromSeconds(10));
        LogStopped(_logger, drained, Journal.Head.Seq);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _supervision?.Dispose();
        Outbox.Dispose();
        Journal.Dispose();
        Pipeline.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Publishes a gateway-internal technical condition into the pipeline.</summary>
    public void ReportGateway(SensorStatus status, string reason)
    {
        var health = new HealthData { Status = status, Previous = SensorStatus.Online };
        health.Reason.Set(reason);
        Pipeline.PublishHealth(new EventHeader(EventKind.Gateway, SensorFamily.Gateway, -1, -1, _time.GetUtcNow()), health);
    }

    /// <summary>
    /// A journal fault or recovery as a gateway health event (fusion raises / ends sensor_fault on "gateway"). Published
    /// from the thread pool: the journal thread raised it, and a full ring waits for that very thread.
    /// </summary>
    private void ReportGatewayFromJournal(SensorStatus status, SensorStatus previous, string reason)
    {
        LogJournalState(_logger, reason, Journal.HeldRows, Journal.EventsNotJournaled);
        _ = Task.Run(() =>
        {
            try
            {
                var health = new HealthData { Status = status, Previous = previous };
                health.Reason.Set(reason);
                Pipeline.PublishHealth(new EventHeader(EventKind.Gateway, SensorFamily.Gateway, -1, -1, _time.GetUtcNow()), health);
            }
            catch (ObjectDisposedException)
            {
                // Stopping: the pipeline is gone; the journal's own log lines record the condition.
            }
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Gateway started: site {Site}, {Zones} zones, {Sensors} sensors, {Adapters} adapters, journal {Journal}")]
    private static partial void LogStarted(ILogger logger, string site, int zones, int sensors, int adapters, string journal);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Gateway stopped: pipeline drained {Drained}, journal head seq {Seq}")]
    private static partial void LogStopped(ILogger logger, bool drained, long seq);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Adapter {Adapter} failed")]
    private static partial void LogAdapterFailed(ILogger logger, Exception ex, string adapter);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Journal state {Reason}: {Held} rows held in memory, {Skipped} events not journaled so far")]
    private static partial void LogJournalState(ILogger logger, string reason, int held, long skipped);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "The journal was corrupt at start; moved to {MovedTo} ({Reason}); a new journal was started")]
    private static partial void LogJournalRecovered(ILogger logger, string movedTo, string reason);
}
