using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Journal;

/// <summary>
/// Outbox bounds (<c>Journal:Outbox</c>). Past a bound the writer sheds: superseded <c>alerts/active</c> rows first,
/// then the lowest severities, oldest first. High and critical rows are never shed.
/// </summary>
public sealed class OutboxOptions
{
    /// <summary>Most rows waiting (<c>Journal:Outbox:MaxRows</c>).</summary>
    public int MaxRows { get; set; } = 100_000;

    /// <summary>Oldest a sheddable row may get, in hours (<c>Journal:Outbox:MaxAgeHours</c>).</summary>
    public double MaxAgeHours { get; set; } = 72;

    /// <summary>The age bound as a duration.</summary>
    public TimeSpan MaxAge => TimeSpan.FromHours(MaxAgeHours);

    /// <summary>Checks every value; throws <see cref="ConfigurationException"/> naming the key.</summary>
    public void Validate(string prefix)
    {
        if (MaxRows < 10)
        {
            throw new ConfigurationException($"{prefix}:MaxRows", $"must be at least 10 rows, got {MaxRows}");
        }

        if (MaxAgeHours <= 0 || double.IsNaN(MaxAgeHours) || double.IsInfinity(MaxAgeHours))
        {
            throw new ConfigurationException($"{prefix}:MaxAgeHours", $"must be a positive number of hours, got {MaxAgeHours}");
        }
    }
}
