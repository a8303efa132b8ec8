using System.Text.Json;

namespace Reintegratie.Edge.Cli.Tests.Log;

public sealed class LogQueryCommandTests : IDisposable
{
    private readonly LogFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Query_AlertFilterJson_OnlyThatAlertsRevisions()
    {
        _f.WriteReportFixture();

        var (code, output, _) = await LogFixture.Run("log", "query", "--db", _f.Db, "--alert", "A1", "--format", "json");

        Assert.Equal(0, code);
        var rows = output.TrimEnd().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1, 2], rows.Select(r => r.GetProperty("revision").GetInt32()));
        Assert.All(rows, r => Assert.Equal("alert", r.GetProperty("type").GetString()));
        Assert.Equal("new", rows[0].GetProperty("payload").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Query_KindZoneAndTimeWindow_Table()
    {
        _f.WriteReportFixture();

        var (code, output, _) = await LogFixture.Run("log", "query", "--db", _f.Db, "--kind", "drone", "--zone", "Z1",
            "--from", "2026-09-14T10:00:30Z", "--to", "2026-09-14T10:03:30Z");

        Assert.Equal(0, code);
        Assert.Contains("(3 rows)", output, StringComparison.Ordinal);
        Assert.Contains("2026-09-14T10:01:00.000000Z", output, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-09-14T10:04:00", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_SensorCsv_HeaderAndQuotedPayload()
    {
        _f.WriteReportFixture();

        var (code, output, _) = await LogFixture.Run("log", "query", "--db", _f.Db, "--sensor", "fence-2", "--format", "csv", "--type", "event");

        Assert.Equal(0, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal("seq,at,type,kind,zone,sensor,event_id,alert_id,revision,severity,payload,payload_digest,prev_hash,hash", lines[0].TrimEnd('\r'));
        Assert.Equal(3, lines.Length);
        Assert.Contains(",perimeter,Z2,fence-2,", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"{\"\"state\"\":\"\"alarm\"\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_BadFormat_Usage()
    {
        var (code, _, err) = await LogFixture.Run("log", "query", "--db", _f.Db, "--format", "xml");

        Assert.Equal(2, code);
        Assert.Contains("--format", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_BadTime_Usage()
    {
        _f.WriteEvents(1);

        var (code, _, err) = await LogFixture.Run("log", "query", "--db", _f.Db, "--from", "yesterday");

        Assert.Equal(2, code);
        Assert.Contains("ISO-8601", err, StringComparison.Ordinal);
    }
}
