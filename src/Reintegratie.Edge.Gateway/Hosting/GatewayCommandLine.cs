namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// The gateway's own options. Anything else (e.g. <c>--Mqtt:Port=1884</c>) is passed to .NET configuration.
/// </summary>
public sealed record GatewayCommandLine
{
    /// <summary>Configuration files, in order (later files override earlier ones).</summary>
    public IReadOnlyList<string> ConfigFiles { get; init; } = [];

    /// <summary>Validate the configuration and exit (0 valid, 78 invalid).</summary>
    public bool CheckConfig { get; init; }

    /// <summary>Print the version and exit.</summary>
    public bool Version { get; init; }

    /// <summary>Print usage and exit.</summary>
    public bool Help { get; init; }

    /// <summary>Run this scenario's simulated sensors in-process (a built-in name or a file).</summary>
    public string? Simulate { get; init; }

    /// <summary>State directory (journal, simulator work files); default $STATE_DIRECTORY or ~/.local/state/reintegratie-edge.</summary>
    public string? StateDir { get; init; }

    /// <summary>Print every alert lifecycle message received on <c>…/alerts</c> as one JSON line on stdout.</summary>
    public bool PrintAlerts { get; init; }

    /// <summary>Capture mode: forward the live source on this interface to the gateway's relay socket (the capture unit).</summary>
    public string? Capture { get; init; }

    /// <summary>Arguments for .NET configuration's command-line provider.</summary>
    public IReadOnlyList<string> ConfigurationArgs { get; init; } = [];

    /// <summary>Usage text.</summary>
    public const string Usage = """
        usage: reintegratie-edge [--config FILE]... [--simulate SCENARIO] [--state-dir DIR] [--print-alerts]
                                 [--check-config] [--version] [--capture IF] [--Section:Key=value]...
          --config FILE      configuration file (repeatable; later files win)
          --check-config     validate the configuration and exit (0 valid, 78 = EX_CONFIG with the failing key named)
          --simulate NAME    run a scenario's simulated sensors in-process over the real transports ('default')
          --state-dir DIR    where the journal and work files live (default: $STATE_DIRECTORY or ~/.local/state/reintegratie-edge)
          --print-alerts     print each alert lifecycle message from the broker as one JSON line
          --version          print the version
          --capture IF       capture mode (the capture unit): forward the live Remote ID source on IF to the gateway
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a one-line reason on bad usage.</summary>
    public static GatewayCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var configs = new List<string>();
        var rest = new List<string>();
        var result = new GatewayCommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"option {a} needs a value");
                }

                return args[++i];
            }

            switch (a)
            {
                case "--config":
                    configs.Add(Value());
                    break;
                case "--check-config":
                    result = result with { CheckConfig = true };
                    break;
                case "--version":
                    result = result with { Version = true };
                    break;
                case "--help" or "-h":
                    result = result with { Help = true };
                    break;
                case "--simulate":
                    result = result with { Simulate = Value() };
                    break;
                case "--state-dir":
                    result = result with { StateDir = Value() };
                    break;
                case "--capture":
                    result = result with { Capture = Value() };
                    break;
                case "--print-alerts":
                    result = result with { PrintAlerts = true };
                    break;
                default:
                    if (!a.StartsWith("--", StringComparison.Ordinal) || !a.Contains(':', StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"unknown option '{a}'");
                    }

                    rest.Add(a);
                    break;
            }
        }

        return result with { ConfigFiles = configs, ConfigurationArgs = rest };
    }
}
