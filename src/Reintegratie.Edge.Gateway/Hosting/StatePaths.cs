namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>Where the gateway keeps its state.</summary>
public static class StatePaths
{
    /// <summary>
    /// The state directory: the <c>--state-dir</c> option, else systemd's $STATE_DIRECTORY (StateDirectory=), else
    /// ~/.local/state/reintegratie-edge. Created when missing.
    /// </summary>
    public static string Resolve(string? option, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var dir = option;
        if (string.IsNullOrEmpty(dir))
        {
            var fromSystemd = environment("STATE_DIRECTORY");
            dir = !string.IsNullOrEmpty(fromSystemd)
                ? fromSystemd.Split(':')[0]
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "reintegratie-edge");
        }

        dir = Path.GetFullPath(dir);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
