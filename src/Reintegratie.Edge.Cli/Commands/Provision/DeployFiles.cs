namespace Reintegratie.Edge.Cli.Commands.Provision;

/// <summary>
/// Finds the shipped <c>deploy/</c> folder (install.sh, unit, default configuration): next to edgectl in an installed
/// release (<c>/opt/reintegratie-edge/current/deploy</c>), or in a source checkout above the working directory.
/// </summary>
public static class DeployFiles
{
    /// <summary>The deploy folder, or null when none is found.</summary>
    public static string? FindDeployDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "deploy");
        if (File.Exists(Path.Combine(beside, "install.sh")))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy");
            if (File.Exists(Path.Combine(candidate, "install.sh")))
            {
                return candidate;
            }
        }

        return null;
    }
}
