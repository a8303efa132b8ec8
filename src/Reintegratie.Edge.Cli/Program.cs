using Reintegratie.Edge.Cli;
using Reintegratie.Edge.Cli.Commands;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
return await CliApp.RunAsync(args, CliConsole.System, cts.Token).ConfigureAwait(false);
