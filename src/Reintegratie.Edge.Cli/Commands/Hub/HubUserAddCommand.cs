using Reintegratie.Edge.Hub.Operators;

namespace Reintegratie.Edge.Cli.Commands.Hub;

/// <summary>
/// <c>edgectl hub user add NAME [--db CONN]</c>: creates a console operator (or sets a new password) with a new ECDSA
/// P-256 command key of their own, its private half encrypted under the password, and prints the public half and the
/// gateway configuration that lets the operator acknowledge (key id = NAME, verb ack). The password is read from
/// standard input (first line), never from the command line (it would show in the process list); at least 12
/// characters. There is no default account.
/// </summary>
public sealed class HubUserAddCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["hub", "user", "add"];

    /// <inheritdoc />
    public string Summary => "hub user add NAME [--db CONN] < password   console operator (PBKDF2-SHA256) with their own command key";

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

        var name = options.Positionals[0];
        await using var source = HubDatabase.Open(options);
        string publicKey;
        try
        {
            publicKey = await new OperatorStore(source, TimeProvider.System).AddAsync(name, password, cancellationToken).ConfigureAwait(false);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await console.Error.WriteLineAsync($"edgectl hub user add: {ex.Message} (has the hub run its migrations?)").ConfigureAwait(false);
            return 1;
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }

        await console.Out.WriteLineAsync($"operator {name} saved with a new command key (ECDSA P-256, key id {name})").ConfigureAwait(false);
        await console.Out.WriteLineAsync($"public key: {publicKey}").ConfigureAwait(false);
        await console.Out.WriteLineAsync($"gateway configuration: --Mqtt:Commands:Keys:{name}:PublicKey={publicKey} --Mqtt:Commands:Keys:{name}:Verbs:0=ack").ConfigureAwait(false);
        return 0;
    }
}
