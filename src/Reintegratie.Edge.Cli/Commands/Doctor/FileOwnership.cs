using System.Diagnostics;
using System.Globalization;

namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>Owner, group and mode of a file (symlinks followed), read with coreutils <c>stat</c>: .NET has no API for owners.</summary>
/// <param name="Uid">Owner id.</param>
/// <param name="Gid">Group id.</param>
/// <param name="Mode">Permission bits.</param>
public sealed record FileOwnership(int Uid, int Gid, UnixFileMode Mode)
{
    /// <summary>Reads the ownership, or null when stat cannot.</summary>
    public static FileOwnership? Read(string path)
    {
        var start = new ProcessStartInfo("stat", ["-L", "-c", "%u %g %a", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var p = Process.Start(start);
            if (p is null)
            {
                return null;
            }

            var text = p.StandardOutput.ReadToEnd().Trim().Split(' ');
            p.WaitForExit();
            return p.ExitCode == 0 && text.Length == 3
                && int.TryParse(text[0], CultureInfo.InvariantCulture, out var uid)
                && int.TryParse(text[1], CultureInfo.InvariantCulture, out var gid)
                && int.TryParse(text[2], NumberStyles.None, CultureInfo.InvariantCulture, out var octalDigits)
                ? new FileOwnership(uid, gid, (UnixFileMode)Convert.ToInt32(octalDigits.ToString(CultureInfo.InvariantCulture), 8))
                : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="account"/> may read and write the file by owner, group or other bits.</summary>
    public bool AllowsReadWrite(UnixAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        const UnixFileMode userRw = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        const UnixFileMode groupRw = UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
        const UnixFileMode otherRw = UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        return (Mode & otherRw) == otherRw
            || (account.Uid == Uid && (Mode & userRw) == userRw)
            || (account.Gids.Contains(Gid) && (Mode & groupRw) == groupRw);
    }
}
