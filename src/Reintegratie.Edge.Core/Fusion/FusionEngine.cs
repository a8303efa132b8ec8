using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Pipeline;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// The fusion stage (DESIGN.md "Fusion"): turns sensor events into alert lifecycles and journal notes. Runs on
/// one consumer thread and is deterministic for a given input order: time comes only from <see cref="SensorEvent.At"/>
/// (Tick events carry the clock), never from a clock. Drone and contact events of known tracks and active alerts
/// allocate nothing; snapshots are made only when a revision is published.
/// </summary>
public sealed class FusionEngine : IStageHandler<SensorEvent>
{
    private const double SweepSeconds = 1;
    private readonly FusionContext _ctx;
    private readonly PerimeterInputs _inputs;
    private readonly DroneIncursionRule _drones;
    private readonly DropRule _drops;
    private readonly PerimeterBreachRule _breaches;
    private readonly TechnicalRule _technical;
    private readonly HandsetRule _handsets;
    private readonly EvidenceRule _evidence;
    private readonly CommandHandler _commands;
    private readonly IAlertSink _sink;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Creates the engine with a <see cref="UlidGenerator"/> seeded by <see cref="FusionOptions.IdSeed"/>.</summary>
    public FusionEngine(SiteModel site, FusionOptions options, IAlertSink sink, ILogger logger)
        : this(site, options, sink, logger, new UlidGenerator(options?.IdSeed ?? 0))
    {
    }

    /// <summary>Creates the engine; <paramref name="options"/> are validated here.</summary>
    public FusionEngine(SiteModel site, FusionOptions options, IAlertSink sink, ILogger logger, IAlertIdGenerator ids)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(ids);
        options.Validate();
        _sink = sink;
        var alerts = new AlertLifecycle(site, options, sink, ids);
        _ctx = new FusionContext(site, options, alerts, new BypassTable(site, alerts, sink, options.BypassSeverity), logger);
        _inputs = new PerimeterInputs(site.Sensors.Count);
        _drones = new DroneIncursionRule(_ctx);
        _drops = new DropRule(_ctx, _drones.Memory, _inputs);
        _breaches = new PerimeterBreachRule(_ctx, _inputs);
        _technical = new TechnicalRule(_ctx, _inputs);
        _handsets = new HandsetRule(_ctx, _drops);
        _evidence = new EvidenceRule(_ctx);
        _commands = new CommandHandler(_ctx);
    }

    /// <summary>The published revisions of all active alerts; safe to read from any thread (for resync).</summary>
    public IReadOnlyCollection<AlertSnapshot> Active => _ctx.Alerts.ActiveView;

    /// <summary>Spoof-suspected drone tracks pushed out (alert ended) because fusion held more than its track capacity.</summary>
    public long EvictedSuspectDrones => _drones.EvictedSuspect;

    /// <summary>True when no rule holds anything a sweep could end, publish or forget.</summary>
    public bool Idle => _drones.Idle && _drops.Idle && _breaches.Active.Items.Count == 0 && _technical.Idle && _handsets.Idle
        && _ctx.Alerts.Idle && _ctx.Bypass.Idle;

    /// <summary>Fusion's clock: the latest event time seen (ticks count only while fusion is not <see cref="Idle"/>).</summary>
    public DateTimeOffset Now { get; private set; } = DateTimeOffset.MinValue;

    /// <inheritdoc />
    public void OnEvent(SensorEvent data, long sequence, bool endOfBatch)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Kind == EventKind.None)
        {
            return;
        }

        if (data.Kind == EventKind.Tick)
        {
            if (Idle)
            {
                // Nothing time-dependent is held: the tick changes nothing (not even the clock), so the journal need
                // not record it and a replay of the journal without it reaches the same state.
                return;
            }

            _sink.OnClock(data.At, data.EventId);
        }

        Advance(data.At, data.EventId);
        var sensor = (uint)data.SensorIndex < (uint)_ctx.Site.Sensors.Count ? data.SensorIndex : -1;
        var zone = (uint)data.ZoneIndex < (uint)_ctx.Site.Zones.Count ? data.ZoneIndex
            : sensor >= 0 ? _ctx.Site.Sensors[sensor].ZoneIndex : -1;
        switch (data.Kind)
        {
            case EventKind.DroneDetection:
                _drones.OnDetection(data, sensor, zone);
                break;
            case EventKind.Perimeter:
                OnPerimeter(data, sensor, zone);
                break;
            case EventKind.SensorHealth:
                _technical.OnHealth(data, sensor, zone);
                break;
            case EventKind.Gateway:
                _technical.OnGateway(data);
                break;
            case EventKind.Handset:
                _handsets.OnHandset(data, sensor, zone);
                break;
            case EventKind.Bodycam:
                _evidence.OnBodycam(data, zone);
                break;
            case EventKind.Command:
                _commands.OnCommand(data);
                break;
        }
    }

    /// <summary>
    /// Continues the alerts the journal held active at the last stop (same ids, next revisions) instead of raising
    /// duplicates. Call once, before the first event. Ended or duplicate snapshots are skipped.
    /// </summary>
    /// <returns>The snapshots continued, in the order given (the gateway journals them in its start marker).</returns>
    public IReadOnlyList<AlertSnapshot> Restore(IEnumerable<AlertSnapshot> active)
    {
        ArgumentNullException.ThrowIfNull(active);
        var restored = new List<AlertState>();
        var adopted = new List<AlertSnapshot>();
        foreach (var snapshot in active)
        {
            if (snapshot is null || snapshot.EndedAt is not null)
            {
                continue;
            }

            var state = AlertRestorer.Rebuild(snapshot, _ctx);
            if (!_ctx.Alerts.Adopt(state))
            {
                FusionLog.RestoreSkipped(_ctx.Logger, snapshot.Id, "duplicate id");
                continue;
            }

            restored.Add(state);
            adopted.Add(snapshot);
        }

        // Drops first, so a contraband alert finds the drop it links to whatever the journal's order.
        foreach (var state in restored)
        {
            if (state.Kind != AlertKind.ContrabandPhoneSuspected)
            {
                Route(state);
            }
        }

        foreach (var state in restored)
        {
            if (state.Kind == AlertKind.ContrabandPhoneSuspected)
            {
                Route(state);
            }
        }

        FusionLog.Restored(_ctx.Logger, restored.Count);
        return adopted;
    }

    private void OnPerimeter(SensorEvent e, int sensor, int zone)
    {
        _inputs.Set(sensor, e.Perimeter.State);
        if (e.Perimeter.State != PerimeterState.Alarm)
        {
            _technical.OnPerimeter(e, sensor, zone);
            return;
        }

        var droneZone = -1;
        var incursion = zone >= 0 ? _drops.Candidate(zone, e.At, out droneZone) : null;
        var kind = incursion is null ? AlertKind.PerimeterBreach : AlertKind.DroneDropSuspected;
        if (_ctx.Bypass.Suppress(zone, kind, e.At, e.EventId))
        {
            return;
        }

        if (incursion is null)
        {
            _breaches.OnAlarm(e, sensor, zone);
        }
        else
        {
            _drops.OnAlarm(e, sensor, zone, incursion, droneZone, _breaches.Near(zone));
        }
    }

    private void Advance(DateTimeOffset at, long cause)
    {
        if (at > Now)
        {
            Now = at;
        }

        if (Now < _nextSweep && Now < _ctx.Bypass.NextEnd)
        {
            return;
        }

        _nextSweep = Now.AddSeconds(SweepSeconds);
        _ctx.Bypass.Expire(Now, cause);
        _drones.Sweep(Now, cause);
        _drops.Sweep(Now, cause);
        _breaches.Active.Sweep(Now, cause);
        _technical.Sweep(Now, cause);
        _handsets.Sweep(Now, cause);
        _ctx.Alerts.Sweep(Now, cause);
    }

    private void Route(AlertState state)
    {
        switch (state.Kind)
        {
            case AlertKind.DroneIncursion:
                _drones.Restore(state);
                break;
            case AlertKind.DroneDropSuspected:
            case AlertKind.PerimeterBreach:
                var incident = new PerimeterIncident(state, state.LastSeen) { IncursionId = state.Linked.Count > 0 ? state.Linked[0] : null };
                incident.Inputs.AddRange(AlertRestorer.SensorIndexes(state, _ctx));
                (state.Kind == AlertKind.PerimeterBreach ? _breaches.Active : _drops.Active).Items.Add(incident);
                if (state.Kind == AlertKind.DroneDropSuspected)
                {
                    _drops.Recent.Add(new DropRecord(state, state.FirstSeen));
                }

                break;
            case AlertKind.ContrabandPhoneSuspected:
            case AlertKind.HandsetDetected:
                _handsets.Restore(state);
                break;
            case AlertKind.ZoneBypassed:
                if (!_ctx.Bypass.Restore(state))
                {
                    FusionLog.RestoreSkipped(_ctx.Logger, state.Id, "zone_bypassed without a bypass or zone");
                }

                break;
            default:
                var sensors = AlertRestorer.SensorIndexes(state, _ctx);
                _technical.Restore(state, sensors.Count > 0 ? sensors[0] : -1);
                break;
        }
    }
}
