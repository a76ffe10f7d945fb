using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace MovieRec.Web.Tests;

/// <summary>
/// The page as a person uses it, in headless Chromium: open it, tick two movies, submit, see five new
/// ones and the genre table, reload, start over. The browser is the system's Chromium (Debian's
/// <c>chromium</c> package, or the one <c>MOVIEREC_CHROMIUM</c> names); the test is skipped where there is
/// none, except under CI, where a missing browser is a failure.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BrowserTests
{
    private WebApplication _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _address = null!;

    private static string? FindChromium()
    {
        string? named = Environment.GetEnvironmentVariable("MOVIEREC_CHROMIUM");
        if (!string.IsNullOrEmpty(named))
        {
            return named;
        }
        foreach (string path in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" })
        {
            if (File.Exists(path))
            {
                return path;
            }
        }
        return null;
    }

    [OneTimeSetUp]
    public async Task Start()
    {
        string? chromium = FindChromium();
        if (chromium is null)
        {
            const string Reason = "No Chromium found (install Debian's chromium package or set MOVIEREC_CHROMIUM).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(Reason);
            }
            Assert.Ignore(Reason);
        }

        _app = WebApp.Build(["--urls", "http://127.0.0.1:0", "--catalogue", "synthetic", "--encoder", "tfidf"]);
        await _app.StartAsync();
        _address = _app.Urls.First();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static async Task<string[]> ShownIds(IPage page) =>
        [.. await page.Locator("#movies label.movie").EvaluateAllAsync<string[]>("labels => labels.map(l => l.dataset.id)")];

    private static async Task WaitForPageChange(IPage page, string[] before) =>
        await page.WaitForFunctionAsync(
            "before => { const now = [...document.querySelectorAll('#movies label.movie')].map(l => l.dataset.id); return now.length === 5 && now.join() !== before.join(); }",
            before);

    [Test]
    public async Task A_visitor_ticks_two_movies_submits_reloads_and_starts_over()
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 1200 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);

        await page.GotoAsync(_address);
        await page.Locator("#movies label.movie").Nth(4).WaitForAsync();
        string[] first = await ShownIds(page);
        Assert.That(first, Has.Length.EqualTo(5).And.Unique);
        Assert.That(await page.Locator("#movies label.movie .title").First.InnerTextAsync(), Is.Not.Empty);
        Assert.That(await page.Locator("#genres tbody tr").CountAsync(), Is.Zero);

        await page.Locator("#movies input[type=checkbox]").Nth(0).CheckAsync();
        await page.Locator("#movies input[type=checkbox]").Nth(2).CheckAsync();
        await page.ClickAsync("#submit");
        await WaitForPageChange(page, first);
        string[] second = await ShownIds(page);
        int genreRows = await page.Locator("#genres tbody tr").CountAsync();
        string status = await page.InnerTextAsync("#status");

        string screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "web-after-submit.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        TestContext.AddTestAttachment(screenshot, "The page after two likes and a submit");

        await page.ReloadAsync();
        await page.Locator("#movies label.movie").Nth(4).WaitForAsync();
        string[] reloaded = await ShownIds(page);
        int reloadedGenreRows = await page.Locator("#genres tbody tr").CountAsync();

        await page.ClickAsync("#reset");
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('0 liked')");
        int genreRowsAfterReset = await page.Locator("#genres tbody tr").CountAsync();

        Assert.Multiple(() =>
        {
            Assert.That(second, Has.Length.EqualTo(5).And.Unique);
            Assert.That(second, Has.No.AnyOf(first.Cast<object>().ToArray()), "a title shown before came back");
            Assert.That(genreRows, Is.InRange(1, 5), "the top-genres table after two likes");
            Assert.That(status, Does.StartWith("2 liked, 10 shown"));
            Assert.That(new FileInfo(screenshot).Length, Is.GreaterThan(1000), "screenshot written");
            Assert.That(reloaded, Is.EqualTo(second), "a reload keeps the visitor's page");
            Assert.That(reloadedGenreRows, Is.EqualTo(genreRows));
            Assert.That(genreRowsAfterReset, Is.Zero);
            Assert.That(errors, Is.Empty, "script errors on the page");
        });
    }

    [Test]
    public async Task Two_browsers_are_two_visitors()
    {
        await using var alice = await _browser.NewContextAsync();
        await using var bob = await _browser.NewContextAsync();
        var alicePage = await alice.NewPageAsync();
        var bobPage = await bob.NewPageAsync();
        await alicePage.GotoAsync(_address);
        await bobPage.GotoAsync(_address);
        await alicePage.Locator("#movies label.movie").Nth(4).WaitForAsync();
        await bobPage.Locator("#movies label.movie").Nth(4).WaitForAsync();
        string[] bobFirst = await ShownIds(bobPage);

        string[] aliceFirst = await ShownIds(alicePage);
        await alicePage.Locator("#movies input[type=checkbox]").Nth(1).CheckAsync();
        await alicePage.ClickAsync("#submit");
        await WaitForPageChange(alicePage, aliceFirst);

        await bobPage.ReloadAsync();
        await bobPage.Locator("#movies label.movie").Nth(4).WaitForAsync();
        string[] bobAfter = await ShownIds(bobPage);
        string bobStatus = await bobPage.InnerTextAsync("#status");
        Assert.Multiple(() =>
        {
            Assert.That(bobAfter, Is.EqualTo(bobFirst));
            Assert.That(bobStatus, Does.StartWith("0 liked, 5 shown"));
        });
    }
}
