namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>
/// A GSM umbrella sensor's transport and behaviour, bound from its <c>Site:Sensors:N</c> section (beside the common
/// <see cref="Core.Site.SensorOptions"/> keys). Several sensors may share one <see cref="Listen"/> address: each JSON
/// line names its sensor in the <c>sensor</c> field.
/// </summary>
public sealed class GsmOptions
{
    /// <summary>Where the gateway listens for umbrella clients, <c>host:port</c> (IPv6 as <c>[::1]:4100</c>).</summary>
    public string Listen { get; set; } = "127.0.0.1:4100";

    /// <summary>Serial port of a serially attached umbrella (not supported by this build; see hardware/protocols/gsm-umbrella.md).</summary>
    public string Port { get; set; } = string.Empty;

    /// <summary>Longest accepted line in bytes (including nothing of the line terminator); longer lines are counted and skipped.</summary>
    public int MaxLineBytes { get; set; } = 4096;

    /// <summary>A handset is "new in zone" when its pseudonym was not seen in that zone within this many minutes.</summary>
    public double NoveltyWindowMinutes { get; set; } = 1440;

    /// <summary>A line time further than this from the gateway clock is replaced by the receive time (a wrong umbrella clock must not move events).</summary>
    public double MaxClockSkewSeconds { get; set; } = 300;

    /// <summary>Most umbrella connections served at once per listener; more are refused.</summary>
    public int MaxClients { get; set; } = 16;
}
