using Reintegratie.Edge.Cli.Commands;

namespace Reintegratie.Edge.Cli.Tests.Log;

public sealed class LogTailCommandTests : IDisposable
{
    private readonly LogFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Tail_N_PrintsNewestRowsOldestFirst()
    {
        _f.WriteEvents(10);

        var (code, output, _) = await LogFixture.Run("log", "tail", "--db", _f.Db, "-n", "3");

        Assert.Equal(0, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("     SEQ", lines[0], StringComparison.Ordinal);
        Assert.Equal(["8", "9", "10"], lines.Skip(1).Select(l => l.Trim().Split(' ')[0]));
    }

    [Fact]
    public async Task Tail_MissingDatabase_Exit1WithReason()
    {
        var (code, _, err) = await LogFixture.Run("log", "tail", "--db", Path.Combine(_f.Directory, "nope.db"));

        Assert.Equal(1, code);
        Assert.Contains("no journal database", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tail_Follow_PrintsRowsCommittedWhileRunning()
    {
        _f.WriteEvents(2);
        var inner = new StringWriter();
        var output = TextWriter.Synchronized(inner);
        string Text()
        {
            lock (output)
            {
                return inner.ToString();
            }
        }

        using var cts = new CancellationTokenSource();
        var run = CliApp.RunAsync(["log", "tail", "--db", _f.Db, "--follow"], new CliConsole(output, TextWriter.Null, TextReader.Null), cts.Token);

        using (var w = _f.OpenWriter())
        {
            w.OnEvent(_f.Drone(LogFixture.T0.AddHours(1)), 0, true);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Text().Contains("\n       3  ", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await cts.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("\n       3  ", Text(), StringComparison.Ordinal);
    }
}
