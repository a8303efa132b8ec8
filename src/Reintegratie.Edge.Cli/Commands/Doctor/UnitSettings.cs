namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>
/// The few settings of the installed unit (its file, then its drop-ins in name order, as systemd merges them) that
/// decide whether the gateway may capture: ambient capabilities, <c>PrivateUsers=</c> (a private user namespace makes
/// CAP_NET_RAW useless on the host's network) and <c>RestrictAddressFamilies=</c>. An empty assignment resets a list,
/// as in systemd.
/// </summary>
public sealed class UnitSettings
{
    private readonly HashSet<string> _ambient = new(StringComparer.Ordinal);
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);
    private bool _familiesDenyList = true; // no RestrictAddressFamilies= at all: everything allowed

    /// <summary>True when the unit file was found.</summary>
    public bool Found { get; private set; }

    /// <summary>The files read, in order.</summary>
    public List<string> Files { get; } = [];

    /// <summary>True when <c>PrivateUsers=yes</c>.</summary>
    public bool PrivateUsers { get; private set; }

    /// <summary>Reads <c>{directory}/{service}.service</c> and <c>{directory}/{service}.service.d/*.conf</c>.</summary>
    public static UnitSettings Read(string directory, string service)
    {
        var settings = new UnitSettings();
        var unit = Path.Combine(directory, service + ".service");
        if (!File.Exists(unit))
        {
            return settings;
        }

        settings.Found = true;
        var dropIns = Path.Combine(directory, service + ".service.d");
        var files = new List<string> { unit };
        if (Directory.Exists(dropIns))
        {
            files.AddRange(Directory.GetFiles(dropIns, "*.conf").Order(StringComparer.Ordinal));
        }

        foreach (var file in files)
        {
            settings.Files.Add(file);
            foreach (var raw in File.ReadLines(file))
            {
                settings.Apply(raw.Trim());
            }
        }

        return settings;
    }

    /// <summary>True when the service gets <paramref name="capability"/> (e.g. CAP_NET_RAW) as an ambient capability.</summary>
    public bool HasAmbient(string capability) => _ambient.Contains(capability);

    /// <summary>True when the service may open sockets of <paramref name="family"/> (e.g. AF_PACKET).</summary>
    public bool AllowsFamily(string family) => _familiesDenyList ? !_families.Contains(family) : _families.Contains(family);

    private void Apply(string line)
    {
        var eq = line.IndexOf('=', StringComparison.Ordinal);
        if (line.StartsWith('#') || line.StartsWith(';') || eq < 0)
        {
            return;
        }

        var key = line[..eq].Trim();
        var value = line[(eq + 1)..].Trim();
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (key)
        {
            case "AmbientCapabilities":
                if (words.Length == 0)
                {
                    _ambient.Clear();
                }

                _ambient.UnionWith(words);
                break;
            case "PrivateUsers":
                PrivateUsers = value is "yes" or "true" or "1" or "on" or "self" or "identity";
                break;
            case "RestrictAddressFamilies":
                if (words.Length == 0 || value == "none")
                {
                    _families.Clear();
                    _familiesDenyList = value != "none";
                    break;
                }

                var deny = value.StartsWith('~');
                if (deny != _familiesDenyList || (!deny && _families.Count == 0 && _familiesDenyList))
                {
                    _families.Clear(); // the first assignment of a kind sets the list's sense
                    _familiesDenyList = deny;
                }

                _families.UnionWith(words.Select(w => w.TrimStart('~')));
                break;
        }
    }
}
