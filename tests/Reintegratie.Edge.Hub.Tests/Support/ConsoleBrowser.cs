using Microsoft.Playwright;

namespace Reintegratie.Edge.Hub.Tests.Support;

/// <summary>
/// Headless Chromium (Debian's /usr/bin/chromium; Playwright's own browser download is not used) driven by
/// Microsoft.Playwright. Fails (never skips) when Chromium is missing: `make deps` installs it.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        Playwright = playwright;
        Browser = browser;
        Page = page;
    }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    public IPage Page { get; }

    public static async Task<ConsoleBrowser> LaunchAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: `make deps` installs Debian's chromium.");
        }

        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync();
        return new ConsoleBrowser(playwright, browser, page);
    }

    public async Task LoginAsync(int port, string name, string password)
    {
        await Page.GotoAsync($"http://127.0.0.1:{port}/");
        await Page.FillAsync("input[name=name]", name);
        await Page.FillAsync("input[name=password]", password);
        await Page.ClickAsync("button[type=submit]");
        await Page.WaitForSelectorAsync("#live:text('live')");
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}
