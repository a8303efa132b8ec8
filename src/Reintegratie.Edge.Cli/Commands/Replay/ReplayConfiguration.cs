using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Fusion;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Cli.Commands.Replay;

/// <summary>
/// The site layout and fusion parameters a replay runs with: the <c>Site</c> and <c>Fusion</c> sections of the given
/// files (later files override earlier ones, as in the gateway), or of the <c>site.json</c> snapshot the gateway writes
/// beside its journal.
/// </summary>
/// <param name="Site">The site layout.</param>
/// <param name="Fusion">Fusion's parameters.</param>
/// <param name="Source">The files read.</param>
/// <param name="Digest">SHA-256 of the file when it is one (a site snapshot, compared with the start markers), else null.</param>
internal sealed record ReplayConfiguration(SiteModel Site, FusionOptions Fusion, string Source, string? Digest)
{
    /// <summary>File name of the gateway's snapshot in its state directory (<c>SiteSnapshot.FileName</c>).</summary>
    public const string SnapshotName = "site.json";

    /// <summary>Loads and validates; throws <see cref="ConfigurationException"/> naming the bad key.</summary>
    public static ReplayConfiguration Load(IReadOnlyList<string> files, string journalPath)
    {
        if (files.Count == 0)
        {
            var snapshot = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(journalPath)) ?? ".", SnapshotName);
            if (!File.Exists(snapshot))
            {
                throw new ConfigurationException(SiteOptions.Section, $"no --config given and no {SnapshotName} beside the journal ({snapshot})");
            }

            files = [snapshot];
        }

        var builder = new ConfigurationBuilder();
        foreach (var f in files)
        {
            builder.AddJsonFile(Path.GetFullPath(f), optional: false, reloadOnChange: false);
        }

        var configuration = builder.Build();
        var site = SiteModel.Build(configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions());
        var fusion = configuration.GetSection(FusionOptions.Section).Get<FusionOptions>() ?? new FusionOptions();
        fusion.Validate();
        return new ReplayConfiguration(site, fusion, string.Join(", ", files), files.Count == 1 ? StartMarker.DigestOf(files[0]) : null);
    }
}
