using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// Every parameter of the fusion rules (configuration section <c>Fusion</c>, DESIGN.md "Fusion").
/// Durations are plain numbers of seconds or minutes so they read naturally in JSON.
/// </summary>
public sealed class FusionOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Fusion";

    /// <summary>A drone incursion ends after this long without any detection of its track.</summary>
    public double DroneQuietSeconds { get; set; } = 60;

    /// <summary>A net or fence alarm this close in time to a drone detection in the same or an adjacent zone is a suspected drop.</summary>
    public double DropWindowSeconds { get; set; } = 120;

    /// <summary>Alarms in adjacent zones within this time escalate one breach alert (climb or cut progression).</summary>
    public double BreachEscalationSeconds { get; set; } = 10;

    /// <summary>A breach, drop or perimeter tamper/fault alert ends after this long without new alarms, once all its inputs are restored.</summary>
    public double PerimeterQuietSeconds { get; set; } = 120;

    /// <summary>A new handset in a wing within this time after a suspected drop there is a suspected contraband phone.</summary>
    public double ContrabandWindowMinutes { get; set; } = 30;

    /// <summary>Raise <c>handset_detected</c> for new handsets outside a drop context (otherwise they are only journaled).</summary>
    public bool HandsetAlerts { get; set; } = true;

    /// <summary>A handset or contraband alert ends after this long without another new handset for it.</summary>
    public double HandsetQuietSeconds { get; set; } = 600;

    /// <summary>Evidence event ids kept per alert; <see cref="AlertSnapshot.EvidenceCount"/> keeps counting beyond.</summary>
    public int EvidenceCap { get; set; } = 50;

    /// <summary>Position-only and count-only changes publish a revision at most this often; new zones, sources, escalations and evidence kinds publish at once.</summary>
    public double UpdateMinIntervalSeconds { get; set; } = 5;

    /// <summary>Longest maintenance bypass a command may set (at most 24 h).</summary>
    public double MaxBypassHours { get; set; } = 24;

    /// <summary>
    /// Different authorised keys that must send the same bypass (zone, until, reason) before it starts: 2 = the
    /// two-person rule (default), 1 for small sites.
    /// </summary>
    public int BypassApprovals { get; set; } = 2;

    /// <summary>Minutes the second key has to approve a requested bypass.</summary>
    public double BypassApprovalMinutes { get; set; } = 10;

    /// <summary>Renewals (extending an active bypass) per zone per UTC day.</summary>
    public int MaxBypassRenewalsPerDay { get; set; } = 2;

    /// <summary>Bodycam recordings may still be attached to an alert this long after it ended (uploads follow docking).</summary>
    public double LateEvidenceMinutes { get; set; } = 10;

    /// <summary>Tracks of different source families within this distance ...</summary>
    public double CorrelationMeters { get; set; } = 150;

    /// <summary>... and this time are taken as the same drone (one alert, several sources).</summary>
    public double CorrelationSeconds { get; set; } = 10;

    /// <summary>
    /// Drone tracks pre-allocated (more still work; the first ones allocate nothing). Beyond it, a new track pushes out
    /// the least recently seen spoof-suspected track (its alert ends, counted); plausible tracks are never pushed out.
    /// </summary>
    public int TrackCapacity { get; set; } = 64;

    /// <summary>Seed of the alert id generator's counter (replays with the same seed give the same ids).</summary>
    public ulong IdSeed { get; set; }

    /// <summary>Severity of <c>drone_incursion</c>.</summary>
    public Severity DroneIncursionSeverity { get; set; } = Severity.High;

    /// <summary>Severity of <c>drone_drop_suspected</c>.</summary>
    public Severity DropSeverity { get; set; } = Severity.Critical;

    /// <summary>Severity of a <c>perimeter_breach</c> in one zone.</summary>
    public Severity BreachSeverity { get; set; } = Severity.High;

    /// <summary>Severity of a <c>perimeter_breach</c> that spread to an adjacent zone.</summary>
    public Severity BreachEscalatedSeverity { get; set; } = Severity.Critical;

    /// <summary>Severity of <c>perimeter_tamper</c>.</summary>
    public Severity TamperSeverity { get; set; } = Severity.High;

    /// <summary>Severity of <c>sensor_fault</c>.</summary>
    public Severity FaultSeverity { get; set; } = Severity.Medium;

    /// <summary>Severity of <c>sensor_offline</c>.</summary>
    public Severity OfflineSeverity { get; set; } = Severity.Medium;

    /// <summary>Severity of <c>broker_path_lost</c>.</summary>
    public Severity BrokerPathLostSeverity { get; set; } = Severity.High;

    /// <summary>Severity of <c>contraband_phone_suspected</c>.</summary>
    public Severity ContrabandSeverity { get; set; } = Severity.High;

    /// <summary>Severity of <c>handset_detected</c>.</summary>
    public Severity HandsetSeverity { get; set; } = Severity.Low;

    /// <summary>Severity of <c>zone_bypassed</c> (a zone is blind while it lasts).</summary>
    public Severity BypassSeverity { get; set; } = Severity.Medium;

    /// <summary>Checks every value; a bad one throws <see cref="ConfigurationException"/> naming its key (e.g. <c>Fusion:DropWindowSeconds</c>).</summary>
    public void Validate()
    {
        Positive(DroneQuietSeconds, nameof(DroneQuietSeconds), 86_400);
        Positive(DropWindowSeconds, nameof(DropWindowSeconds), 86_400);
        Positive(BreachEscalationSeconds, nameof(BreachEscalationSeconds), 3_600);
        Positive(PerimeterQuietSeconds, nameof(PerimeterQuietSeconds), 86_400);
        Positive(ContrabandWindowMinutes, nameof(ContrabandWindowMinutes), 1_440);
        Positive(HandsetQuietSeconds, nameof(HandsetQuietSeconds), 86_400);
        Positive(MaxBypassHours, nameof(MaxBypassHours), 24);
        Positive(BypassApprovalMinutes, nameof(BypassApprovalMinutes), 1_440);
        if (BypassApprovals is < 1 or > 2)
        {
            throw new ConfigurationException(Key(nameof(BypassApprovals)), $"must be 1 (small sites) or 2 (two-person rule) but is {BypassApprovals}");
        }

        if (MaxBypassRenewalsPerDay is < 0 or > 24)
        {
            throw new ConfigurationException(Key(nameof(MaxBypassRenewalsPerDay)), $"must be 0..24 but is {MaxBypassRenewalsPerDay}");
        }
        Positive(CorrelationMeters, nameof(CorrelationMeters), 100_000);
        Positive(CorrelationSeconds, nameof(CorrelationSeconds), 3_600);
        NonNegative(UpdateMinIntervalSeconds, nameof(UpdateMinIntervalSeconds), 3_600);
        NonNegative(LateEvidenceMinutes, nameof(LateEvidenceMinutes), 10_080);
        if (EvidenceCap is < 1 or > 10_000)
        {
            throw new ConfigurationException(Key(nameof(EvidenceCap)), $"must be 1..10000 but is {EvidenceCap}");
        }

        if (TrackCapacity is < 1 or > 100_000)
        {
            throw new ConfigurationException(Key(nameof(TrackCapacity)), $"must be 1..100000 but is {TrackCapacity}");
        }

        Defined(DroneIncursionSeverity, nameof(DroneIncursionSeverity));
        Defined(DropSeverity, nameof(DropSeverity));
        Defined(BreachSeverity, nameof(BreachSeverity));
        Defined(BreachEscalatedSeverity, nameof(BreachEscalatedSeverity));
        Defined(TamperSeverity, nameof(TamperSeverity));
        Defined(FaultSeverity, nameof(FaultSeverity));
        Defined(OfflineSeverity, nameof(OfflineSeverity));
        Defined(BrokerPathLostSeverity, nameof(BrokerPathLostSeverity));
        Defined(ContrabandSeverity, nameof(ContrabandSeverity));
        Defined(HandsetSeverity, nameof(HandsetSeverity));
        Defined(BypassSeverity, nameof(BypassSeverity));
    }

    private static string Key(string name) => $"{Section}:{name}";

    private static void Positive(double value, string name, double max)
    {
        if (double.IsNaN(value) || value <= 0 || value > max)
        {
            throw new ConfigurationException(Key(name), $"must be a number greater than 0 and at most {max} but is {value}");
        }
    }

    private static void NonNegative(double value, string name, double max)
    {
        if (double.IsNaN(value) || value < 0 || value > max)
        {
            throw new ConfigurationException(Key(name), $"must be a number from 0 to {max} but is {value}");
        }
    }

    private static void Defined(Severity value, string name)
    {
        if (!Enum.IsDefined(value))
        {
            throw new ConfigurationException(Key(name), $"must be one of Info, Low, Medium, High, Critical but is {(int)value}");
        }
    }
}
