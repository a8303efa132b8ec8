namespace Reintegratie.Edge.Sensors.Privacy;

/// <summary>The configuration section <c>Privacy</c>: the pseudonymisation key and, during a rotation, the previous one.</summary>
public sealed class PrivacyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Privacy";

    /// <summary>Path of the key file (at least 32 random bytes, mode 0400 or 0600, owned by the service user).</summary>
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>Id stored with every pseudonym made with <see cref="KeyFile"/> (1-255); change it when the key rotates.</summary>
    public byte KeyId { get; set; } = 1;

    /// <summary>Optional key of the previous retention period, so handsets seen before a rotation are still recognised.</summary>
    public string PreviousKeyFile { get; set; } = string.Empty;

    /// <summary>Id of <see cref="PreviousKeyFile"/>; must differ from <see cref="KeyId"/>.</summary>
    public byte PreviousKeyId { get; set; }
}
