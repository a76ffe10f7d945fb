using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using MovieRec.AspNetCore;

namespace MovieRec.Server.Tests;

/// <summary>Bundles dropped into the models folder are validated and swapped in while requests continue.</summary>
[TestFixture]
public sealed class ModelSwapTests
{
    private WebApplication _app = null!;
    private string _folder = null!;
    private string _models = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = ServerFixture.NewFolder("swap");
        _models = Path.Combine(_folder, "models");
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddMovieRec(options =>
        {
            options.Database = Path.Combine(_folder, "movierec.db");
            options.ModelsDirectory = _models;
            options.Data = ServerFixture.DatasetFolder;
            options.RetrainAfterRatings = 0;
            options.RequestsPerSecond = 0;
            options.PollInterval = TimeSpan.FromMilliseconds(100);
        });
        _app = builder.Build();
        _app.MapMovieRec();
        await _app.StartAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Twenty_swaps_under_fifty_concurrent_readers_fail_no_request_and_a_bad_bundle_is_refused()
    {
        using var client = _app.GetTestClient();
        long first = await VersionAsync(client);
        string bundle = Directory.GetFiles(_models, "*.zip").Single();
        using var stop = new CancellationTokenSource();
        int requests = 0, failures = 0;
        var readers = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            using var reader = _app.GetTestClient();
            while (!stop.IsCancellationRequested)
            {
                string path = i % 2 == 0 ? $"/users/{1 + (i % 20)}/recommendations?count=5" : $"/movies/{1 + (i % 30)}/similar?count=5";
                var response = await reader.GetAsync(new Uri(path, UriKind.Relative));
                Interlocked.Increment(ref requests);
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();

        for (int swap = 1; swap <= 20; swap++)
        {
            // Written beside, then renamed in: a bundle appears whole, as ModelBundle.Save writes one.
            string temp = Path.Combine(_folder, $"copy-{swap}.zip");
            File.Copy(bundle, temp);
            File.Move(temp, Path.Combine(_models, $"dropped-{swap}.zip"));
            await WaitForVersionAsync(client, first + swap);
        }

        File.WriteAllBytes(Path.Combine(_folder, "broken.zip"), [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
        File.Move(Path.Combine(_folder, "broken.zip"), Path.Combine(_models, "broken.zip"));
        string ready = string.Empty;
        for (int i = 0; i < 100 && !ready.Contains("broken.zip", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            ready = await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative));
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        long last = await VersionAsync(client);

        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Zero, $"{failures} of {requests} requests failed during the swaps");
            Assert.That(requests, Is.GreaterThan(200));
            Assert.That(last, Is.EqualTo(first + 20), "the refused bundle did not replace the serving model");
            Assert.That(ready, Does.Contain("broken.zip was refused").And.Contain("Degraded"));
        });
    }

    private static async Task<long> VersionAsync(HttpClient client) =>
        (await ServerFixture.JsonAsync(await client.GetAsync(new Uri("/models", UriKind.Relative)))).GetProperty("version").GetInt64();

    private static async Task WaitForVersionAsync(HttpClient client, long version)
    {
        for (int i = 0; i < 300; i++)
        {
            if (await VersionAsync(client) >= version)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Version {version} did not serve within 15 s.");
    }
}
