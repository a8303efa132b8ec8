namespace Reintegratie.Edge.Core.Site;

/// <summary>
/// The start-up check every private key file passes (privacy key, MQTT client key, sensor-link key): a key that group
/// or others can read is no longer secret, so the gateway refuses to start (exit 78 naming the key's setting).
/// </summary>
public static class PrivateKeyFile
{
    /// <summary>Any group or other permission bit.</summary>
    public const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Throws <see cref="ConfigurationException"/> naming <paramref name="configKey"/> when the file is missing or group/other may access it.</summary>
    public static void EnsurePrivate(string path, string configKey)
    {
        ArgumentNullException.ThrowIfNull(configKey);
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new ConfigurationException(configKey, $"the key file '{path}' does not exist");
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOther) != 0)
        {
            throw new ConfigurationException(configKey,
                $"the key file '{path}' has mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}: group or others may access it; it must be 0400 or 0600, owned by the service user");
        }
    }
}
