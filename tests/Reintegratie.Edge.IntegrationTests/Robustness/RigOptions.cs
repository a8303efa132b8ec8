namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>How a <see cref="RobustnessRig"/> is put together.</summary>
internal sealed record RigOptions
{
    /// <summary>Where the journal lives (a small tmpfs for the disk-full case); the rig's temp directory when null.</summary>
    public string? JournalDirectory { get; init; }

    /// <summary>Bytes of the journal's reserve file (<c>Journal:ReserveBytes</c>); the default when null.</summary>
    public long? ReserveBytes { get; init; }

    /// <summary>A second RF detector, <c>rf-alarm</c> in zone Z2 on its own pty, for alarms injected during a flood.</summary>
    public bool AlarmSensor { get; init; }

    /// <summary><c>ReportingSeconds</c> of rf-1 (silence longer than this marks it offline).</summary>
    public int ReportingSeconds { get; init; } = 600;

    /// <summary>mosquitto saves its database after every change, so a SIGKILL loses at most the message in flight.</summary>
    public bool BrokerSavesEveryChange { get; init; }
}
