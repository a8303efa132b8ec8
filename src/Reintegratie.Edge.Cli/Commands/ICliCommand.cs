namespace Reintegratie.Edge.Cli.Commands;

/// <summary>
/// One <c>edgectl</c> command. Commands are found by reflection (one class per command in this folder), so adding a
/// command never touches a shared list.
/// </summary>
public interface ICliCommand
{
    /// <summary>The words that select it, e.g. <c>["decode", "odid"]</c>.</summary>
    IReadOnlyList<string> Path { get; }

    /// <summary>One line for <c>edgectl help</c>, starting with the usage.</summary>
    string Summary { get; }

    /// <summary>Runs with the arguments after the path. Returns the exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken);
}
