using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Journal;

/// <summary>
/// Configuration section <c>Journal</c>: where the database lives, how large a group commit may grow, the outbox
/// bounds and retention per event kind.
/// </summary>
public sealed class JournalOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Journal";

    /// <summary>Database file (<c>Journal:Path</c>). The gateway fills in its state directory when this is empty.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Most rows in one transaction before the writer commits mid-batch (<c>Journal:MaxBatch</c>).</summary>
    public int MaxBatch { get; set; } = 4096;

    /// <summary>
    /// How commits become durable (<c>Journal:Sync</c>): <see cref="JournalSync.Group"/> (default, one fsync for every
    /// commit since the last one, off the journal thread) or <see cref="JournalSync.EachCommit"/> (an fsync per commit).
    /// </summary>
    public JournalSync Sync { get; set; } = JournalSync.Group;

    /// <summary>Outbox bounds (<c>Journal:Outbox:*</c>).</summary>
    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>
    /// Retention in days per event kind code (<c>Journal:Retention:handset = 28</c>). Kinds not listed are kept for
    /// ever. Alert, command, note and checkpoint rows are never purged; bodycam events linked to an alert are kept.
    /// </summary>
    public Dictionary<string, double> Retention { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often the writer applies retention (<c>Journal:RetentionCheckMinutes</c>).</summary>
    public double RetentionCheckMinutes { get; set; } = 60;

    /// <summary>
    /// Bytes pre-allocated in <c>{Path}.reserve</c> (<c>Journal:ReserveBytes</c>, default 4 MiB, 0 = none). Released when
    /// the disk fills so the fault alert and the held batch can still be committed; re-created when space returns.
    /// </summary>
    public long ReserveBytes { get; set; } = 4L << 20;

    /// <summary>Checks every value; throws <see cref="ConfigurationException"/> naming the first bad key.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ConfigurationException($"{Section}:Path", "must name the journal database file");
        }

        if (MaxBatch is < 1 or > 1_000_000)
        {
            throw new ConfigurationException($"{Section}:MaxBatch", $"must be between 1 and 1000000 rows, got {MaxBatch}");
        }

        if (RetentionCheckMinutes <= 0 || double.IsNaN(RetentionCheckMinutes))
        {
            throw new ConfigurationException($"{Section}:RetentionCheckMinutes", "must be a positive number of minutes");
        }

        if (ReserveBytes is < 0 or > 1L << 30)
        {
            throw new ConfigurationException($"{Section}:ReserveBytes", $"must be between 0 and 1073741824 bytes, got {ReserveBytes}");
        }

        if (!Enum.IsDefined(Sync))
        {
            throw new ConfigurationException($"{Section}:Sync", $"must be Group or EachCommit, got {Sync}");
        }

        Outbox.Validate($"{Section}:Outbox");
        foreach (var (kind, days) in Retention)
        {
            var key = $"{Section}:Retention:{kind}";
            if (!EventKindExtensions.TryParseCode(kind, out var k) || !k.IsJournaled())
            {
                throw new ConfigurationException(key, $"'{kind}' is not a journaled event kind (drone, perimeter, sensor_health, handset, bodycam, command, gateway, telemetry)");
            }

            if (k == EventKind.Command)
            {
                throw new ConfigurationException(key, "commands are never purged");
            }

            if (days <= 0 || double.IsNaN(days) || double.IsInfinity(days))
            {
                throw new ConfigurationException(key, $"must be a positive number of days, got {days}");
            }
        }
    }
}
