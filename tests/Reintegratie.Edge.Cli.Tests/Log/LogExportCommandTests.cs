using System.Text.Json;

namespace Reintegratie.Edge.Cli.Tests.Log;

public sealed class LogExportCommandTests : IDisposable
{
    private readonly LogFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Export_Jsonl_OneObjectPerRowWithContractFields()
    {
        _f.WriteReportFixture();

        var (code, output, _) = await LogFixture.Run("log", "export", "--db", _f.Db, "--format", "jsonl");

        Assert.Equal(0, code);
        var rows = output.TrimEnd().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => r.GetProperty("seq").GetInt64()));
        Assert.All(rows, r => Assert.True(r.TryGetProperty("at", out _) && r.TryGetProperty("type", out _)));
        var alert = rows.First(r => r.GetProperty("type").GetString() == "alert");
        Assert.Equal("A4", alert.GetProperty("alert_id").GetString());
        Assert.Equal(1, alert.GetProperty("revision").GetInt32());
        Assert.Equal("drone_incursion", alert.GetProperty("kind").GetString());
        Assert.Equal("high", alert.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Export_CsvToFile_WritesAllRows()
    {
        _f.WriteEvents(25);
        var file = Path.Combine(_f.Directory, "out.csv");

        var (code, output, err) = await LogFixture.Run("log", "export", "--db", _f.Db, "--format", "csv", "--out", file);

        Assert.Equal(0, code);
        Assert.Empty(output);
        Assert.Contains("exported 25 rows", err, StringComparison.Ordinal);
        Assert.Equal(26, File.ReadAllLines(file).Length);
    }

    [Fact]
    public async Task Export_MissingFormat_Usage()
    {
        var (code, _, _) = await LogFixture.Run("log", "export", "--db", _f.Db);

        Assert.Equal(2, code);
    }
}
