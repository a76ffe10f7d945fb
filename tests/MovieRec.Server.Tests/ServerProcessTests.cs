using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MovieRec.Tests.Repository;

namespace MovieRec.Server.Tests;

/// <summary>The server as a process of its own over loopback: the README's commands, and acknowledged writes surviving SIGKILL.</summary>
[TestFixture]
public sealed partial class ServerProcessTests
{
    [Test]
    public async Task The_readme_commands_run_against_a_fresh_server_on_ml_100k()
    {
        string? root = Environment.GetEnvironmentVariable("MOVIEREC_DATA");
        if (root is null || !File.Exists(Path.Combine(root, "ml-100k", "u.data")))
        {
            Assert.Ignore("MOVIEREC_DATA does not hold ml-100k/u.data, which the README's commands are written for.");
        }

        string folder = ServerFixture.NewFolder("readme");
        using var server = await ServerFixture.StartProcessAsync("--database", Path.Combine(folder, "movierec.db"), "--models", Path.Combine(folder, "models"), "--data", "ml-100k");
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        string section = readme[readme.IndexOf("## Serving recommendations", StringComparison.Ordinal)..];
        var commands = BashBlock().Matches(section).Select(m => m.Groups[1].Value).First(b => b.Contains("curl", StringComparison.Ordinal))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var outputs = new List<string>();
        foreach (string command in commands)
        {
            var (code, output) = await BashAsync(command.Replace("http://127.0.0.1:5080", server.Address.ToString().TrimEnd('/'), StringComparison.Ordinal));
            Assert.That(code, Is.Zero, $"{command}\n{output}\n{server.Output}");
            outputs.Add(output);
        }

        Directory.Delete(folder, recursive: true);
        Assert.Multiple(() =>
        {
            Assert.That(commands, Has.Count.GreaterThanOrEqualTo(10));
            Assert.That(outputs[0], Does.Contain("\"source\":\"model\""));
            Assert.That(outputs[1], Does.Contain("\"userId\":944"));
            Assert.That(outputs[4], Does.Contain("\"source\":\"hybrid\"").And.Contain("because you liked"));
            Assert.That(outputs.Single(o => o.Contains("\"foldsIn\"", StringComparison.Ordinal)), Does.Contain("\"name\":\"mf\""));
        });
    }

    [Test]
    public async Task Every_acknowledged_rating_survives_a_sigkill_under_writes()
    {
        string folder = ServerFixture.NewFolder("kill");
        string[] arguments = ["--database", Path.Combine(folder, "movierec.db"), "--models", Path.Combine(folder, "models"), "--data", ServerFixture.DatasetFolder, "--requests-per-second", "0"];
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<long, float>();
        long user;
        var movies = new List<long>();
        using (var server = await ServerFixture.StartProcessAsync(arguments))
        {
            using var client = server.Client();
            var created = await client.PostAsJsonAsync(new Uri("/users", UriKind.Relative), new { });
            user = (await ServerFixture.JsonAsync(created)).GetProperty("userId").GetInt64();
            for (int page = 1; page <= 8; page++)
            {
                var list = await ServerFixture.JsonAsync(await client.GetAsync(new Uri($"/movies?page={page}", UriKind.Relative)));
                movies.AddRange(list.EnumerateArray().Select(m => m.GetProperty("movieId").GetInt64()));
            }

            using var kill = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                using var writer = server.Client();
                for (int i = w; i < movies.Count && !kill.IsCancellationRequested; i += 8)
                {
                    float rating = 1 + (i % 5);
                    try
                    {
                        var response = await writer.PutAsync(new Uri($"/users/{user}/ratings/{movies[i]}", UriKind.Relative), Bodies.Rating(rating), kill.Token);
                        if (response.StatusCode == HttpStatusCode.NoContent)
                        {
                            acknowledged[movies[i]] = rating;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        // The server was killed mid-request: that write was never acknowledged.
                    }
                }
            })).ToArray();
            while (acknowledged.Count < 40)
            {
                await Task.Delay(5);
            }

            server.Kill();
            await kill.CancelAsync();
            await Task.WhenAll(writers);
        }

        using var restarted = await ServerFixture.StartProcessAsync(arguments);
        using var reader = restarted.Client();
        var stored = (await ServerFixture.JsonAsync(await reader.GetAsync(new Uri($"/users/{user}/ratings", UriKind.Relative))))
            .EnumerateArray().ToDictionary(r => r.GetProperty("movieId").GetInt64(), r => r.GetProperty("rating").GetSingle());
        restarted.Kill();
        Directory.Delete(folder, recursive: true);

        Assert.Multiple(() =>
        {
            Assert.That(acknowledged, Has.Count.GreaterThanOrEqualTo(40));
            foreach (var (movie, rating) in acknowledged)
            {
                Assert.That(stored.TryGetValue(movie, out float kept) && kept == rating, Is.True, $"the acknowledged rating {rating} of movie {movie} is stored after the kill");
            }
        });
    }

    [Test]
    public async Task Listening_beyond_loopback_without_an_api_key_is_refused_at_start()
    {
        var (code, output) = await BashAsync($"dotnet '{ServerFixture.ServerDll}' --urls http://0.0.0.0:5099 2>&1");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Does.Contain("error: --urls http://0.0.0.0:5099 listens beyond this machine, which needs --api-key"));
        });
    }

    [TestCase("userId,movieId,rating,timestamp\n1,1,5,\"unclosed\n", "movieId,title,genres\n1,Toy Story (1995),Comedy\n", "ratings.csv(2)")]
    [TestCase("userId,movieId,rating,timestamp\n", "movieId,title\n", "movies.csv: line 1")]
    [TestCase("userId,movieId,rating,timestamp\n", "", "movies.csv")]
    public async Task A_dataset_that_does_not_parse_ends_the_start_in_one_error_line_and_exit_1(string ratings, string movies, string named)
    {
        string folder = ServerFixture.NewFolder("bad-data");
        string data = Directory.CreateDirectory(Path.Combine(folder, "data")).FullName;
        File.WriteAllText(Path.Combine(data, "ratings.csv"), ratings);
        File.WriteAllText(Path.Combine(data, "movies.csv"), movies);
        var (code, output) = await BashAsync($"dotnet '{ServerFixture.ServerDll}' --urls http://127.0.0.1:0 --database '{folder}/movierec.db' --models '{folder}/models' --data '{data}' 2>&1");
        Directory.Delete(folder, recursive: true);
        var errors = output.Split('\n').Where(line => line.StartsWith("error: ", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Assert.That(errors, Has.Count.EqualTo(1), output);
            Assert.That(errors.FirstOrDefault(), Does.Contain(named));
            Assert.That(output, Does.Not.Contain("   at ").And.Not.Contain("Unhandled exception"), "no stack trace");
        });
    }

    private static async Task<(int Code, string Output)> BashAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
