namespace Reintegratie.Edge.Cli.Commands;

/// <summary>Where a command writes (real console in the tool, string writers in tests).</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="In">Standard input.</param>
/// <param name="IsTerminal">True when output goes to a terminal (progress bars, colour).</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool IsTerminal = false)
{
    /// <summary>The process console.</summary>
    public static CliConsole System => new(Console.Out, Console.Error, Console.In, !Console.IsOutputRedirected);
}
