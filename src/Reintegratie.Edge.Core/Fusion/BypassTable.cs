using System.Globalization;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// Maintenance bypasses per zone, each with an expiry. Events in a bypassed zone are still journaled (by the
/// journal stage) but raise no new alert; the first suppressed occurrence of each alert kind per bypass is noted.
/// Every bypass is visible: a <c>zone_bypassed</c> alert is new when it starts, updated on renewal and ended when it
/// expires; a restart restores the bypass from that alert's journaled revision (<see cref="Restore"/>).
/// </summary>
internal sealed class BypassTable
{
    private readonly SiteModel _site;
    private readonly AlertLifecycle _alerts;
    private readonly IAlertSink _sink;
    private readonly Severity _severity;
    private readonly DateTimeOffset?[] _until;
    private readonly AlertState?[] _alert;
    private readonly int[] _notedKinds;
    private readonly List<AlertState> _orphans = [];

    public BypassTable(SiteModel site, AlertLifecycle alerts, IAlertSink sink, Severity severity)
    {
        _site = site;
        _alerts = alerts;
        _sink = sink;
        _severity = severity;
        _until = new DateTimeOffset?[site.Zones.Count];
        _alert = new AlertState?[site.Zones.Count];
        _notedKinds = new int[site.Zones.Count];
    }

    /// <summary>The earliest expiry of any bypass (MaxValue when none).</summary>
    public DateTimeOffset NextEnd { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>No bypass to expire.</summary>
    public bool Idle => NextEnd == DateTimeOffset.MaxValue;

    public bool IsBypassed(int zone) => zone >= 0 && zone < _until.Length && _until[zone] is not null;

    /// <summary>
    /// True when <paramref name="zone"/> is bypassed and <paramref name="kind"/> may be suppressed: the caller raises
    /// nothing. Tamper, offline, fault and broker-path alerts are never suppressed (a bypass must not blind the
    /// technical watch on the zone). Notes the first occurrence per kind.
    /// </summary>
    public bool Suppress(int zone, AlertKind kind, DateTimeOffset at, long cause)
    {
        if (!IsBypassed(zone) || kind is AlertKind.PerimeterTamper or AlertKind.SensorOffline or AlertKind.SensorFault or AlertKind.BrokerPathLost)
        {
            return false;
        }

        var bit = 1 << (int)kind;
        if ((_notedKinds[zone] & bit) == 0)
        {
            _notedKinds[zone] |= bit;
            var until = _until[zone]!.Value.ToString("O", CultureInfo.InvariantCulture);
            _sink.OnNote(new JournalNote("suppressed_by_bypass", at, _site.Zones[zone].Id, $"{AlertKindCodes.ToCode(kind)} suppressed; bypass until {until}"), cause);
        }

        return true;
    }

    /// <summary>Starts (or extends) a bypass, notes it and publishes its <c>zone_bypassed</c> alert (new, or an update on renewal).</summary>
    public void Start(int zone, DateTimeOffset until, string reason, string sender, DateTimeOffset at, long cause)
    {
        var extended = _until[zone] is not null;
        _until[zone] = until;
        _notedKinds[zone] = 0;
        NextEnd = until < NextEnd ? until : NextEnd;
        if (extended)
        {
            Recompute();
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{(extended ? "extended" : "started")} until {until:O} by {sender}: {reason}");
        _sink.OnNote(new JournalNote("bypass_started", at, _site.Zones[zone].Id, text), cause);

        var alert = _alert[zone];
        if (alert is null)
        {
            alert = _alerts.Create(AlertKind.ZoneBypassed, _severity, at, AlertTitles.Bypassed(_site.Zones[zone].Name));
            alert.AddZone(zone);
            alert.Detail = "bypass";
            _alert[zone] = alert;
        }

        alert.LastSeen = at > alert.LastSeen ? at : alert.LastSeen;
        alert.Bypass = new BypassSummary(until, sender.Split(','), reason);
        _alerts.Publish(alert, at, cause);
    }

    /// <summary>
    /// Takes back a <c>zone_bypassed</c> alert the journal held active at the last stop: the bypass continues until its
    /// journaled expiry (the next event past it ends it). A revision without its bypass grants nothing (it ends at the
    /// next event); one whose zone the site no longer knows is ended then too. False in both cases.
    /// </summary>
    public bool Restore(AlertState alert)
    {
        if (alert.Zones.Count == 0)
        {
            _orphans.Add(alert);
            Recompute();
            return false;
        }

        var zone = alert.Zones[0];
        _until[zone] = alert.Bypass?.Until ?? alert.LastSeen;
        _alert[zone] = alert;
        _notedKinds[zone] = 0;
        Recompute();
        return alert.Bypass is not null;
    }

    /// <summary>Ends the bypasses whose expiry is at or before <paramref name="now"/>.</summary>
    public void Expire(DateTimeOffset now, long cause)
    {
        if (now < NextEnd)
        {
            return;
        }

        for (var z = 0; z < _until.Length; z++)
        {
            if (_until[z] is { } until && until <= now)
            {
                _until[z] = null;
                _notedKinds[z] = 0;
                var text = string.Create(CultureInfo.InvariantCulture, $"expired at {until:O}");
                _sink.OnNote(new JournalNote("bypass_ended", now, _site.Zones[z].Id, text), cause);
                if (_alert[z] is { } alert)
                {
                    _alert[z] = null;
                    _alerts.End(alert, until, now, cause);
                }
            }
        }

        foreach (var orphan in _orphans)
        {
            _alerts.End(orphan, orphan.LastSeen, now, cause);
        }

        _orphans.Clear();
        Recompute();
    }

    private void Recompute()
    {
        NextEnd = _orphans.Count > 0 ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue;
        foreach (var u in _until)
        {
            if (u is { } v && v < NextEnd)
            {
                NextEnd = v;
            }
        }
    }
}
