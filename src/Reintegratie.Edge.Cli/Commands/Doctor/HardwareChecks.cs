using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>GPIO chips and lines, serial ports and SPI devices named by the configured sensors.</summary>
public static class HardwareChecks
{
    // The unit's DeviceAllow= list (deploy/systemd/reintegratie-edge.service): other device kinds are blocked.
    private static readonly string[] s_allowedSerial = ["ttyS", "ttyUSB", "ttyACM", "ttyAMA"];

    /// <summary>Runs the checks for every enabled sensor.</summary>
    public static IEnumerable<CheckResult> Run(IConfiguration configuration, UnixAccount? account)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sensors = configuration.GetSection("Site:Sensors").GetChildren().ToList();
        foreach (var s in sensors)
        {
            if (string.Equals(s["Enabled"], "false", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var id = s["Id"] ?? s.Key;
            var family = s["Family"] ?? string.Empty;
            var key = s.Path;
            if (family.Equals("RemoteId", StringComparison.OrdinalIgnoreCase) || family.Equals("RfDetector", StringComparison.OrdinalIgnoreCase)
                || (family.Equals("Gsm", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(s["Port"])))
            {
                if (string.IsNullOrEmpty(s["Port"]))
                {
                    continue; // a TCP-attached receiver
                }

                yield return SerialPort(s["Port"]!, id, $"{key}:Port", account);
            }
            else if (family.Equals("Bodycam", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(s["DropFolder"]))
            {
                foreach (var r in BodycamFolders(s, id, account))
                {
                    yield return r;
                }
            }
            else if (family.Equals("Perimeter", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(s["Driver"], "simulated", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var r in Perimeter(s, id, account))
                {
                    yield return r;
                }
            }
        }
    }

    private static IEnumerable<CheckResult> Perimeter(IConfigurationSection s, string id, UnixAccount? account)
    {
        if (string.Equals(s["Mode"], "eol", StringComparison.OrdinalIgnoreCase))
        {
            var device = $"/dev/spidev{Number(s["Spi:Bus"], 0)}.{Number(s["Spi:ChipSelect"], 0)}";
            yield return Device("spi", device, $"SPI device {device} for sensor {id}",
                "enable SPI (raspi-config nonint do_spi 0, or dtparam=spi=on in /boot/firmware/config.txt) and reboot, or correct the Spi:Bus/Spi:ChipSelect setting",
                account, "spi");
            yield break;
        }

        var chip = $"/dev/gpiochip{Number(s["Chip"], 0)}";
        var chipResult = Device("gpio", chip, $"GPIO chip {chip} for sensor {id}",
            $"check the Chip setting ({s.Path}:Chip); list chips with: ls /dev/gpiochip*", account, "gpio");
        yield return chipResult;
        if (chipResult.Status == CheckStatus.Fail)
        {
            yield break;
        }

        var info = GpioChipInfo.Chip(chip);
        foreach (var lineKey in new[] { "Line", "TamperLine" })
        {
            var line = Number(s[lineKey], -1);
            if (line < 0)
            {
                continue;
            }

            if (info is { } c && line >= c.Lines)
            {
                yield return CheckResult.Fail("gpio", $"GPIO line {line} for sensor {id} does not exist: {chip} ({c.Label}) has lines 0..{c.Lines - 1}",
                    $"correct {s.Path}:{lineKey} (the BCM GPIO number on a Raspberry Pi)");
                continue;
            }

            var use = GpioChipInfo.Line(chip, line);
            yield return use switch
            {
                null => CheckResult.Pass("gpio", $"GPIO line {line} on {chip} for sensor {id}: chip present (line use not readable here)"),
                { InUse: false } => CheckResult.Pass("gpio", $"GPIO line {line} on {chip} for sensor {id} is present and free"),
                { InUse: true } u => CheckResult.Warn("gpio", $"GPIO line {line} on {chip} for sensor {id} is in use by '{u.Consumer}'",
                    "if the gateway is stopped, another program or a device-tree overlay holds the line: free it or wire the contact to another line"),
            };
        }
    }

    private static CheckResult SerialPort(string port, string id, string key, UnixAccount? account)
    {
        var result = Device("serial", port, $"Serial port {port} for sensor {id}",
            $"check the USB cable and the udev rule, or the Port setting ({key})", account, "dialout");
        if (result.Status != CheckStatus.Pass)
        {
            return result;
        }

        var real = new FileInfo(port).ResolveLinkTarget(returnFinalTarget: true)?.Name ?? Path.GetFileName(port);
        return s_allowedSerial.Any(p => real.StartsWith(p, StringComparison.Ordinal) && real.Length > p.Length && char.IsDigit(real[p.Length]))
            ? result
            : CheckResult.Warn("serial", $"Serial port {port} for sensor {id} is /dev/{real}, which the service's device list does not allow",
                $"add DeviceAllow=char-{new string(real.TakeWhile(char.IsLetter).ToArray())} rw in a drop-in: systemctl edit reintegratie-edge");
    }

    private static CheckResult Device(string check, string path, string what, string fixMissing, UnixAccount? account, string expectedGroup)
    {
        if (!File.Exists(path))
        {
            return CheckResult.Fail(check, $"{what} is missing", fixMissing);
        }

        if (account is null)
        {
            return CheckResult.Pass(check, $"{what} is present (service user not found, access not checked)");
        }

        var owner = FileOwnership.Read(path);
        if (owner is null)
        {
            return CheckResult.Pass(check, $"{what} is present (owner not readable, access not checked)");
        }

        return owner.AllowsReadWrite(account)
            ? CheckResult.Pass(check, $"{what} is present and usable by {account.Name}")
            : CheckResult.Fail(check, $"{what} is not usable by {account.Name} (group {account.GroupName(owner.Gid)}, mode {Convert.ToString((int)owner.Mode, 8)})",
                $"add the user to the device's group (usermod -aG {account.GroupName(owner.Gid)} {account.Name}) or set GROUP=\"{expectedGroup}\", MODE=\"0660\" in the udev rule");
    }

    /// <summary>
    /// The drop folder's side folders (processed, processed/duplicates, quarantine): a real directory owned by the service
    /// user with mode 0700, as the gateway checks at start. Missing ones are created by the gateway (0700) at start.
    /// </summary>
    private static IEnumerable<CheckResult> BodycamFolders(IConfigurationSection s, string id, UnixAccount? account)
    {
        var drop = s["DropFolder"]!;
        var processed = string.IsNullOrWhiteSpace(s["ProcessedFolder"]) ? Path.Combine(drop, "processed") : s["ProcessedFolder"]!;
        var quarantine = string.IsNullOrWhiteSpace(s["QuarantineFolder"]) ? Path.Combine(drop, "quarantine") : s["QuarantineFolder"]!;
        foreach (var folder in new[] { processed, Path.Combine(processed, "duplicates"), quarantine })
        {
            var fix = $"chown {account?.Name ?? "reintegratie-edge"} {folder} && chmod 0700 {folder} (or remove it: the gateway creates it 0700)";
            if (!Directory.Exists(folder))
            {
                yield return CheckResult.Pass("bodycam", $"Side folder {folder} of sensor {id} does not exist yet; the gateway creates it with mode 0700");
                continue;
            }

            if (new DirectoryInfo(folder).LinkTarget is not null)
            {
                yield return CheckResult.Fail("bodycam", $"Side folder {folder} of sensor {id} is a symbolic link", fix);
                continue;
            }

            var owner = FileOwnership.Read(folder);
            if (owner is null)
            {
                yield return CheckResult.Warn("bodycam", $"Side folder {folder} of sensor {id}: owner and mode not readable", fix);
            }
            else if ((owner.Mode & PrivateOnly) != 0 || (account is not null && owner.Uid != account.Uid))
            {
                yield return CheckResult.Fail("bodycam",
                    $"Side folder {folder} of sensor {id} has owner uid {owner.Uid} and mode {Convert.ToString((int)owner.Mode, 8)}; the gateway refuses it (sensor_fault side_folder_unsafe)", fix);
            }
            else
            {
                yield return CheckResult.Pass("bodycam", $"Side folder {folder} of sensor {id} is private to the service user (0700)");
            }
        }
    }

    private const UnixFileMode PrivateOnly = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static int Number(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;
}
