namespace Reintegratie.Edge.Journal.Reporting;

/// <summary>The figures of <c>edgectl log report</c> for one period.</summary>
public sealed record JournalReport
{
    /// <summary>The period.</summary>
    public required Tertaal Period { get; init; }

    /// <summary>Alerts first seen in the period, by first seen.</summary>
    public required IReadOnlyList<AlertSummary> Alerts { get; init; }

    /// <summary>Alerts per alert kind code.</summary>
    public required IReadOnlyDictionary<string, int> AlertsPerKind { get; init; }

    /// <summary>Alerts per zone (an alert counts in each of its zones).</summary>
    public required IReadOnlyDictionary<string, int> AlertsPerZone { get; init; }

    /// <summary>Alerts per contributing sensor.</summary>
    public required IReadOnlyDictionary<string, int> AlertsPerSensor { get; init; }

    /// <summary>Journaled events per event kind code.</summary>
    public required IReadOnlyDictionary<string, int> EventsPerKind { get; init; }

    /// <summary>Journaled events per zone.</summary>
    public required IReadOnlyDictionary<string, int> EventsPerZone { get; init; }

    /// <summary>Journaled events per sensor.</summary>
    public required IReadOnlyDictionary<string, int> EventsPerSensor { get; init; }

    /// <summary>Alerts first seen per hour of day (UTC), index 0..23.</summary>
    public required IReadOnlyList<int> AlertsPerHour { get; init; }

    /// <summary>Alerts acknowledged.</summary>
    public int Acknowledged => Alerts.Count(a => a.TimeToAcknowledge is not null);

    /// <summary>Median time from alert to acknowledgement, when any was acknowledged.</summary>
    public TimeSpan? AckMedian { get; init; }

    /// <summary>90th percentile (nearest rank) of time to acknowledgement.</summary>
    public TimeSpan? AckP90 { get; init; }

    /// <summary>Zones by alert count, busiest first (at most five).</summary>
    public IReadOnlyList<KeyValuePair<string, int>> BusiestZones =>
        [.. AlertsPerZone.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(5)];

    /// <summary>Hours of day (UTC) by alert count, busiest first (at most five, only hours with alerts).</summary>
    public IReadOnlyList<KeyValuePair<int, int>> BusiestHours =>
        [.. AlertsPerHour.Select((n, h) => new KeyValuePair<int, int>(h, n)).Where(p => p.Value > 0).OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(5)];
}
