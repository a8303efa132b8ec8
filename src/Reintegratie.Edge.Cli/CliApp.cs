using System.Reflection;
using Reintegratie.Edge.Cli.Commands;
using Reintegratie.Edge.Cli.Commands.Cmd;
using Reintegratie.Edge.Cli.Commands.Decode;
using Reintegratie.Edge.Cli.Commands.Doctor;
using Reintegratie.Edge.Cli.Commands.Hub;
using Reintegratie.Edge.Cli.Commands.Log;
using Reintegratie.Edge.Cli.Commands.Provision;
using Reintegratie.Edge.Cli.Commands.Replay;
using Reintegratie.Edge.Cli.Commands.Sapient;
using Reintegratie.Edge.Cli.Commands.Simulate;

namespace Reintegratie.Edge.Cli;

/// <summary>Dispatches <c>edgectl</c> arguments to the longest matching command path.</summary>
public static class CliApp
{
    /// <summary>
    /// Every command, listed here rather than found by reflection (NativeAOT keeps no list of types); a test checks that
    /// every <see cref="ICliCommand"/> class of this assembly is in it.
    /// </summary>
    public static IReadOnlyList<ICliCommand> Commands { get; } = new ICliCommand[]
    {
        new LogReportCommand(),
        new LogVerifyCommand(),
        new LogTailCommand(),
        new LogQueryCommand(),
        new LogExportCommand(),
        new ProvisionCommand(),
        new ReplayCommand(),
        new CmdKeygenCommand(),
        new CmdAckCommand(),
        new CmdBypassCommand(),
        new CmdResyncCommand(),
        new DecodeRfCommand(),
        new DecodeOdidCommand(),
        new DecodePcapCommand(),
        new DoctorCommand(),
        new SimulateCommand(),
        new HubQueryCommand(),
        new HubUserAddCommand(),
        new HubUserKeysCommand(),
        new HubReportCommand(),
        new DecodeSapientCommand(),
        new ValidateSapientCommand(),
    }.OrderBy(c => string.Join(' ', c.Path), StringComparer.Ordinal).ToArray();

    /// <summary>Runs the tool; returns the exit code (0 ok, 1 failure/invalid, 2 usage).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Count == 0 || args[0] is "help" or "--help" or "-h")
        {
            PrintHelp(console.Out);
            return args.Count == 0 ? 2 : 0;
        }

        if (args[0] is "--version")
        {
            await console.Out.WriteLineAsync($"edgectl {VersionText}").ConfigureAwait(false);
            return 0;
        }

        var match = Commands
            .Where(c => c.Path.Count <= args.Count && c.Path.Select((w, i) => args[i] == w).All(x => x))
            .MaxBy(c => c.Path.Count);
        if (match is null)
        {
            await console.Error.WriteLineAsync($"edgectl: unknown command '{string.Join(' ', args.Take(2))}'. Try 'edgectl help'.").ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await match.RunAsync(args.Skip(match.Path.Count).ToArray(), console, cancellationToken).ConfigureAwait(false);
        }
        catch (CliUsageException ex)
        {
            await console.Error.WriteLineAsync($"edgectl {string.Join(' ', match.Path)}: {ex.Message}").ConfigureAwait(false);
            await console.Error.WriteLineAsync($"usage: edgectl {match.Summary}").ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>The informational version (git-stamped by the build).</summary>
    public static string VersionText =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static void PrintHelp(TextWriter w)
    {
        w.WriteLine("edgectl — Reintegratie.Edge gateway tool");
        w.WriteLine();
        foreach (var c in Commands)
        {
            w.WriteLine($"  edgectl {c.Summary}");
        }
    }
}
