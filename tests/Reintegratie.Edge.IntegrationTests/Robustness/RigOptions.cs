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

    /// <summary>An already running broker the caller owns (and disposes); null = a private mosquitto the rig owns.</summary>
    public IRigBroker? Broker { get; init; }

    /// <summary><c>Site:Name</c> and <c>Mqtt:Site</c>: makes the topic root and client id unique on a shared broker.</summary>
    public string Site { get; init; } = "robust";

    /// <summary><c>Mqtt:JournalHeadIntervalSeconds</c> (the gateway's default 30 when null).</summary>
    public int? JournalHeadIntervalSeconds { get; init; }

    /// <summary>Drone events published on <c>…/events/drone</c> (<c>Mqtt:Events</c>), gated on the journal's sync.</summary>
    public bool EventsFeed { get; init; }

    /// <summary>The gateway's and the subscriber's <c>Mqtt:ProtocolVersion</c>: "5.0" or "3.1.1".</summary>
    public string ProtocolVersion { get; init; } = "5.0";
}
