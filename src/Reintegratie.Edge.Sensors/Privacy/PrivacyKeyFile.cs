using System.Security.Cryptography;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.Privacy;

/// <summary>Creates and loads pseudonymisation key files.</summary>
/// <remarks>
/// A key file holds raw key bytes (not hex). It must be readable by the owner only: a key readable by anyone else
/// lets them recompute pseudonyms for every IMSI (the IMSI space of one country is small enough to enumerate), which
/// is exactly what a keyed HMAC is there to prevent.
/// </remarks>
public static class PrivacyKeyFile
{
    /// <summary>Size of a key written by <see cref="Create"/>, and the minimum accepted by <see cref="Load"/> (HMAC-SHA256 block security).</summary>
    public const int KeySize = 32;

    /// <summary>Largest key file accepted (anything longer is not a key file).</summary>
    public const int MaxKeyFileBytes = 4096;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Writes a fresh random 32-byte key to a new file with mode 0400. Fails if the file exists.</summary>
    public static void Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Key files rely on Unix permissions (mode 0400).");
        }

        Span<byte> key = stackalloc byte[KeySize];
        RandomNumberGenerator.Fill(key);
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead, // the mode is applied at open(2): never a moment with wider access
            };
            using var stream = new FileStream(path, options);
            stream.Write(key);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Reads a key file, refusing (with a <see cref="ConfigurationException"/> naming <paramref name="configKey"/>) a file
    /// that is missing, not a regular file, shorter than <see cref="KeySize"/> bytes, or has any group/other permission bit.
    /// </summary>
    public static byte[] Load(string path, string configKey)
    {
        ArgumentNullException.ThrowIfNull(configKey);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ConfigurationException(configKey, "no key file configured; GSM and bodycam sensors need a pseudonymisation key (create one with 'edgectl provision')");
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ConfigurationException(configKey, $"the key file '{path}' does not exist");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
            {
                throw new ConfigurationException(configKey,
                    $"the key file '{path}' has mode {ToOctal(mode)}: group or others may access it; it must be 0400 or 0600, owned by the service user");
            }
        }

        if (info.Length < KeySize)
        {
            throw new ConfigurationException(configKey, $"the key file '{path}' holds {info.Length} bytes but a key needs at least {KeySize}");
        }

        if (info.Length > MaxKeyFileBytes)
        {
            throw new ConfigurationException(configKey, $"the key file '{path}' holds {info.Length} bytes; a key file is at most {MaxKeyFileBytes}");
        }

        try
        {
            var key = File.ReadAllBytes(path);
            if (key.Length < KeySize)
            {
                CryptographicOperations.ZeroMemory(key);
                throw new ConfigurationException(configKey, $"the key file '{path}' holds {key.Length} bytes but a key needs at least {KeySize}");
            }

            return key;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new ConfigurationException(configKey, $"the key file '{path}' cannot be read by the service user ({e.GetType().Name})");
        }
    }

    private static string ToOctal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8);
}
