namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>A user's uid and all its group ids, read from /etc/passwd and /etc/group.</summary>
/// <param name="Name">User name.</param>
/// <param name="Uid">User id.</param>
/// <param name="Gids">Primary and supplementary group ids.</param>
/// <param name="GroupNames">Group names by id.</param>
public sealed record UnixAccount(string Name, int Uid, IReadOnlySet<int> Gids, IReadOnlyDictionary<int, string> GroupNames)
{
    /// <summary>The account, or null when the user does not exist (the gateway is not installed).</summary>
    public static UnixAccount? Find(string name, string etc = "/etc")
    {
        var passwd = Path.Combine(etc, "passwd");
        var group = Path.Combine(etc, "group");
        if (!File.Exists(passwd) || !File.Exists(group))
        {
            return null;
        }

        var entry = File.ReadLines(passwd).Select(l => l.Split(':')).FirstOrDefault(f => f.Length >= 4 && f[0] == name);
        if (entry is null || !int.TryParse(entry[2], out var uid) || !int.TryParse(entry[3], out var gid))
        {
            return null;
        }

        var gids = new HashSet<int> { gid };
        var names = new Dictionary<int, string>();
        foreach (var f in File.ReadLines(group).Select(l => l.Split(':')).Where(f => f.Length >= 4))
        {
            if (!int.TryParse(f[2], out var id))
            {
                continue;
            }

            names[id] = f[0];
            if (f[3].Split(',').Contains(name, StringComparer.Ordinal))
            {
                gids.Add(id);
            }
        }

        return new UnixAccount(name, uid, gids, names);
    }

    /// <summary>The name of a group id, or the number.</summary>
    public string GroupName(int gid) => GroupNames.TryGetValue(gid, out var n) ? n : gid.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
