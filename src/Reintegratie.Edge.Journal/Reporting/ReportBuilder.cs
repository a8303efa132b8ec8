using System.Text;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Reporting;

/// <summary>Computes a <see cref="JournalReport"/> from the journal (alert rows' lifecycle payloads and event counts).</summary>
public static class ReportBuilder
{
    /// <summary>Builds the report for <paramref name="period"/>. Alerts count in the period where they were first seen.</summary>
    public static JournalReport Build(SqliteConnection connection, Tertaal period)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(period);
        var alerts = LoadAlerts(connection, period);
        var acks = alerts.Where(a => a.TimeToAcknowledge is not null).Select(a => a.TimeToAcknowledge!.Value).Order().ToList();
        var hours = new int[24];
        foreach (var a in alerts)
        {
            hours[a.FirstSeen.UtcDateTime.Hour]++;
        }

        return new JournalReport
        {
            Period = period,
            Alerts = alerts,
            AlertsPerKind = Count(alerts.Select(a => a.Kind)),
            AlertsPerZone = Count(alerts.SelectMany(a => a.Zones.Distinct(StringComparer.Ordinal))),
            AlertsPerSensor = Count(alerts.SelectMany(a => a.Sensors.Distinct(StringComparer.Ordinal))),
            EventsPerKind = GroupCount(connection, period, "kind"),
            EventsPerZone = GroupCount(connection, period, "zone"),
            EventsPerSensor = GroupCount(connection, period, "sensor"),
            AlertsPerHour = hours,
            AckMedian = Percentile(acks, 0.5),
            AckP90 = Percentile(acks, 0.9),
        };
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    internal static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    private static List<AlertSummary> LoadAlerts(SqliteConnection connection, Tertaal period)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT alert_id, payload FROM journal WHERE type = 'alert' AND alert_id IS NOT NULL ORDER BY seq;";
        using var reader = command.ExecuteReader();
        var byId = new Dictionary<string, (AlertSnapshot First, AlertSnapshot Last, Severity Max, Acknowledgement? Ack)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var change = AlertJson.ChangeFromUtf8(Encoding.UTF8.GetBytes(reader.GetString(1)));
            if (change is null)
            {
                continue;
            }

            var a = change.After;
            if (byId.TryGetValue(a.Id, out var seen))
            {
                var max = a.Severity > seen.Max ? a.Severity : seen.Max;
                byId[a.Id] = (seen.First, a, max, seen.Ack ?? a.Acknowledged);
            }
            else
            {
                byId[a.Id] = (a, a, a.Severity, a.Acknowledged);
            }
        }

        return [.. byId.Values
            .Where(v => v.First.FirstSeen >= period.Start && v.First.FirstSeen < period.End)
            .Select(v => new AlertSummary(
                v.First.Id,
                Writing.EnumCodeOf.AlertKind(v.First.Kind),
                v.Max,
                v.Last.Zones.Count > 0 ? v.Last.Zones : v.First.Zones,
                v.Last.Sensors.Count > 0 ? v.Last.Sensors : v.First.Sensors,
                v.First.FirstSeen,
                v.Last.EndedAt,
                v.Ack is { } ack ? ack.At - v.First.FirstSeen : null))
            .OrderBy(a => a.FirstSeen)
            .ThenBy(a => a.Id, StringComparer.Ordinal)];
    }

    private static Dictionary<string, int> GroupCount(SqliteConnection connection, Tertaal period, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {column}, count(*) FROM journal WHERE seq BETWEEN $first AND $last AND type = 'event' AND at >= $from AND at < $to AND {column} IS NOT NULL GROUP BY {column};";
        command.Parameters.AddWithValue("$from", JournalTime.ToText(period.Start));
        command.Parameters.AddWithValue("$to", JournalTime.ToText(period.End));
        var first = command.Parameters.AddWithValue("$first", 0L);
        var last = command.Parameters.AddWithValue("$last", 0L);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (from, to) in Reading.SeqRanges.For(connection, period.Start, period.End))
        {
            (first.Value, last.Value) = (from, to); // only where the period's rows can be (no index on every row's time)
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                counts[reader.GetString(0)] = counts.GetValueOrDefault(reader.GetString(0)) + reader.GetInt32(1);
            }
        }

        return counts;
    }

    private static Dictionary<string, int> Count(IEnumerable<string> keys)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }

        return counts;
    }
}
