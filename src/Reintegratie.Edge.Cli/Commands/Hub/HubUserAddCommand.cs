using Reintegratie.Edge.Hub.Operators;

namespace Reintegratie.Edge.Cli.Commands.Hub;

/// <summary>
/// <c>edgectl hub user add NAME [--db CONN]</c>: creates a console operator (or sets a new password). The password is
/// read from standard input (first line), never from the command line (it would show in the process list); at least
/// 12 characters. There is no default account.
/// </summary>
public sealed class HubUserAddCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["hub", "user", "add"];

    /// <inheritdoc />
    public string Summary => "hub user add NAME [--db CONN] < password   console operator (PBKDF2-SHA256)";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = CliArgs.Parse(args, ["db"]);
        if (options.Positionals.Count != 1)
        {
            throw new CliUsageException("give exactly one operator name");
        }

        if (console.IsTerminal)
        {
            await console.Error.WriteAsync("password (input is visible; pipe it in instead): ").ConfigureAwait(false);
        }

        var password = await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (password is null || password.Length < PasswordHasher.MinimumLength)
        {
            await console.Error.WriteLineAsync($"edgectl hub user add: password: at least {PasswordHasher.MinimumLength} characters on standard input").ConfigureAwait(false);
            return 1;
        }

        await using var source = HubDatabase.Open(options);
        try
        {
            await new OperatorStore(source, TimeProvider.System).AddAsync(options.Positionals[0], password, cancellationToken).ConfigureAwait(false);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await console.Error.WriteLineAsync($"edgectl hub user add: {ex.Message} (has the hub run its migrations?)").ConfigureAwait(false);
            return 1;
        }

        await console.Out.WriteLineAsync($"operator {options.Positionals[0]} saved").ConfigureAwait(false);
        return 0;
    }
}
