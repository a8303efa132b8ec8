using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>Clock synchronisation, free disk for the journal, journal integrity and the privacy key.</summary>
public static class HostChecks
{
    /// <summary>Fail under this much free space on the journal's file system.</summary>
    public const long MinFreeBytes = 500L * 1024 * 1024;

    /// <summary>Fail under this fraction of free space on the journal's file system.</summary>
    public const double MinFreeFraction = 0.05;

    /// <summary>The journal path the gateway uses when none is configured.</summary>
    public const string DefaultJournal = "/var/lib/reintegratie-edge/journal.db";

    /// <summary>Clock synchronisation (TLS and every event time depend on it).</summary>
    public static CheckResult Clock(IClockSyncProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var state = probe.Probe();
        return state.Synchronised
            ? CheckResult.Pass("clock", $"Clock is synchronised ({state.Detail})")
            : CheckResult.Fail("clock", $"Clock is not synchronised ({state.Detail})",
                "check network access to the NTP server: timedatectl timesync-status; systemctl restart systemd-timesyncd");
    }

    /// <summary>Free space on the file system that holds the journal.</summary>
    public static CheckResult Disk(IConfiguration configuration)
    {
        var path = JournalPath(configuration);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        while (!Directory.Exists(dir) && Path.GetDirectoryName(dir) is { } parent)
        {
            dir = parent;
        }

        var drive = new DriveInfo(dir);
        var free = drive.AvailableFreeSpace;
        var fraction = drive.TotalSize > 0 ? (double)free / drive.TotalSize : 0;
        var text = $"{free / (1024 * 1024)} MB free ({fraction:P0}) on {drive.RootDirectory.FullName} for the journal {path}";
        return free < MinFreeBytes || fraction < MinFreeFraction
            ? CheckResult.Fail("disk", $"Too little disk space: {text}",
                "free space on the data partition (old exports, core dumps) or shorten the journal retention")
            : CheckResult.Pass("disk", text);
    }

    /// <summary>PRAGMA quick_check on the journal, opened read-only, when it exists.</summary>
    public static CheckResult Journal(IConfiguration configuration)
    {
        var path = JournalPath(configuration);
        if (!File.Exists(path))
        {
            return CheckResult.Pass("journal", $"No journal at {path} yet (created when the gateway first starts)");
        }

        try
        {
            var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            using var connection = new SqliteConnection(cs);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check";
            var answer = command.ExecuteScalar() as string;
            return answer == "ok"
                ? CheckResult.Pass("journal", $"Journal {path} passes SQLite quick_check")
                : CheckResult.Fail("journal", $"Journal {path} is damaged: {answer}",
                    "stop the gateway, keep a copy of the file for the analysts, then move it aside so a new journal starts; run edgectl log verify on the copy");
        }
        catch (SqliteException e)
        {
            return CheckResult.Fail("journal", $"Journal {path} cannot be opened: {e.Message}",
                "check the file's owner (reintegratie-edge) and the data partition; if the file is damaged, move it aside after keeping a copy");
        }
    }

    /// <summary>The privacy key: present, at least 32 bytes, 0400, owned by the service user.</summary>
    public static CheckResult PrivacyKey(IConfiguration configuration, UnixAccount? account)
    {
        var path = configuration["Privacy:KeyFile"];
        if (string.IsNullOrEmpty(path))
        {
            return CheckResult.Fail("privacy", "No privacy key configured (Privacy:KeyFile)",
                "set Privacy:KeyFile to /etc/reintegratie-edge/privacy.key (install.sh creates the key)");
        }

        if (!File.Exists(path))
        {
            return CheckResult.Fail("privacy", $"Privacy key {path} is missing", "run install.sh again (it creates a key when none exists) or restore the key from escrow");
        }

        if (new FileInfo(path).Length < 32)
        {
            return CheckResult.Fail("privacy", $"Privacy key {path} is shorter than 32 bytes", "create a new key: head -c 32 /dev/urandom (docs/OPERATIONS.md, \"Rotating the privacy key\")");
        }

        var owner = FileOwnership.Read(path);
        if (owner is not null && (owner.Mode & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) != 0)
        {
            return CheckResult.Fail("privacy", $"Privacy key {path} is readable by others (mode {Convert.ToString((int)owner.Mode, 8)})",
                $"chmod 0400 {path}");
        }

        if (owner is not null && account is not null && owner.Uid != account.Uid)
        {
            return CheckResult.Fail("privacy", $"Privacy key {path} is not owned by {account.Name}", $"chown {account.Name}:{account.Name} {path}");
        }

        return CheckResult.Pass("privacy", $"Privacy key {path} is present and private");
    }

    private static string JournalPath(IConfiguration configuration) =>
        configuration["Journal:Path"] is { Length: > 0 } p ? p : DefaultJournal;
}
