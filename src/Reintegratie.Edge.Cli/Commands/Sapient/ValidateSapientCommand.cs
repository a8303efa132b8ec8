using Reintegratie.Edge.Sensors.Sapient;

namespace Reintegratie.Edge.Cli.Commands.Sapient;

/// <summary>
/// <c>edgectl validate sapient FILE.json</c>: checks one SapientMessage in protobuf JSON against BSI Flex 335 v2.0
/// as the official test harness does. Exit 0 valid; 1 invalid with "path: reason" on stderr (one line); 2 usage.
/// </summary>
public sealed class ValidateSapientCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["validate", "sapient"];

    /// <inheritdoc />
    public string Summary => "validate sapient FILE.json   check a SAPIENT (BSI Flex 335 v2.0) message in JSON";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var parsed = CliArgs.Parse(args, []);
        if (parsed.Positionals.Count != 1)
        {
            throw new CliUsageException("usage: edgectl validate sapient FILE.json");
        }

        var file = parsed.Positionals[0];
        string json;
        try
        {
            json = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"{file}: cannot read: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        try
        {
            var message = SapientJson.Parse(json);
            if (SapientValidator.Validate(message) is { } violation)
            {
                await console.Error.WriteLineAsync($"{file}: invalid: {violation}").ConfigureAwait(false);
                return 1;
            }

            await console.Out.WriteLineAsync($"{file}: valid {message.ContentCase}").ConfigureAwait(false);
            return 0;
        }
        catch (SapientFormatException e)
        {
            await console.Error.WriteLineAsync($"{file}: invalid: {OneLine(e.Message)}").ConfigureAwait(false);
            return 1;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
