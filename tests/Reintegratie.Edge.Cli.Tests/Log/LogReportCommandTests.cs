using System.Diagnostics;

namespace Reintegratie.Edge.Cli.Tests.Log;

public sealed class LogReportCommandTests : IDisposable
{
    private readonly LogFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Report_KnownFixture_FiguresMatch()
    {
        _f.WriteReportFixture();

        var (code, output, err) = await LogFixture.Run("log", "report", "--db", _f.Db, "--period", "2026-T3");

        Assert.Equal(0, code);
        Assert.Contains("Tertaal report 2026-T3 (2026-09-01 .. 2026-12-31, UTC)", output, StringComparison.Ordinal);
        Assert.True(output.Contains("alerts: 3, acknowledged: 2", StringComparison.Ordinal), output);
        Assert.True(output.Contains("median 1 min 0 s, p90 2 min 0 s", StringComparison.Ordinal), output);
        Assert.Matches(@"drone_incursion\s+2\b", output);
        Assert.Matches(@"perimeter_breach\s+1\b", output);
        Assert.Matches(@"alerts per zone:\s+Z1\s+2\s+Z2\s+2", output);
        Assert.Matches(@"events per kind:\s+drone\s+6\s+perimeter\s+2", output);
        Assert.Contains("busiest zones: Z1 (2), Z2 (2)", output, StringComparison.Ordinal);
        Assert.Contains("busiest hours (UTC): 22:00 (2), 10:00 (1)", output, StringComparison.Ordinal);
        Assert.Empty(err);
    }

    [Fact]
    public async Task Report_BadPeriod_Usage()
    {
        var (code, _, err) = await LogFixture.Run("log", "report", "--db", _f.Db, "--period", "2026-Q3");

        Assert.Equal(2, code);
        Assert.Contains("2026-T3", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Html_SelfContainedWithTimelineAndZoneMap()
    {
        _f.WriteReportFixture();
        var html = Path.Combine(_f.Directory, "report.html");

        var (code, _, _) = await LogFixture.Run("log", "report", "--db", _f.Db, "--period", "2026-T3", "--config", _f.Config, "--html", html);

        Assert.Equal(0, code);
        var text = File.ReadAllText(html);
        Assert.StartsWith("<!DOCTYPE html>", text, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"timeline\"", text, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"zone-map\"", text, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(text, "<rect class=\"alert "));
        Assert.Contains("data-zone=\"Z1\"", text, StringComparison.Ordinal);
        Assert.Contains("data-zone=\"Z2\"", text, StringComparison.Ordinal);
        Assert.Contains("class=\"geofence\"", text, StringComparison.Ordinal);
        Assert.Contains("PI Testdorp", text, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", text, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_BadConfig_Exit1NamingKey()
    {
        _f.WriteReportFixture();
        var bad = Path.Combine(_f.Directory, "bad.json");
        File.WriteAllText(bad, """{ "Site": { "Zones": [ { "Id": "Z1", "Adjacent": [ "Z9" ] } ] } }""");

        var (code, _, err) = await LogFixture.Run("log", "report", "--db", _f.Db, "--period", "2026-T3", "--config", bad);

        Assert.Equal(1, code);
        Assert.Contains("Site:Zones:0:Adjacent:0", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_HtmlInChromium_RendersNonBlankImage()
    {
        const string chromium = "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"{chromium} is missing: rendering the report needs chromium (`make test` installs it: apt-get install chromium)");

        _f.WriteReportFixture();
        var html = Path.Combine(_f.Directory, "report.html");
        var png = Path.Combine(_f.Directory, "report.png");
        await LogFixture.Run("log", "report", "--db", _f.Db, "--period", "2026-T3", "--config", _f.Config, "--html", html);

        var psi = new ProcessStartInfo(chromium)
        {
            ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", $"--user-data-dir={Path.Combine(_f.Directory, "profile")}", $"--screenshot={png}", "--window-size=1200,900", "file://" + html },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var p = Process.Start(psi)!;
        var drainOut = p.StandardOutput.ReadToEndAsync();
        var drainErr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await Task.WhenAll(drainOut, drainErr);

        Assert.True(File.Exists(png), "chromium wrote no screenshot: " + await drainErr);
        var (distinct, nonWhite) = PngPixels.Summarise(File.ReadAllBytes(png));
        Assert.True(distinct > 8, $"only {distinct} distinct colours");
        Assert.True(nonWhite > 0.02, $"only {nonWhite:P1} non-white pixels");
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
