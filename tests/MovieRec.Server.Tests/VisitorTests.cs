using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace MovieRec.Server.Tests;

/// <summary>
/// The visitor API and the page's headers on a real server (Kestrel on loopback, SQLite, TF-IDF content): a visitor
/// is a user whose likes persist across restarts, whose suggestions move from content to the hybrid to the
/// collaborative fold-in, who cannot be reached by another visitor or another origin, and whom 10,000 other visitors
/// cannot push out.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class VisitorTests
{
    private string _folder = null!;
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Structure", "NUnit1032", Justification = "Disposed in Stop, and before each restart.")]
    private WebApplication _app = null!;
    private Uri _address = null!;

    private string[] Arguments =>
    [
        "--urls", "http://127.0.0.1:0", "--database", Path.Combine(_folder, "movierec.db"), "--models", Path.Combine(_folder, "models"),
        "--data", ServerFixture.DatasetFolder, "--encoder", "tfidf", "--requests-per-second", "0", "--retrain-after", "0", "--new-visitors-per-minute", "0",
    ];

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = ServerFixture.NewFolder("visitor");
        await StartAppAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task StartAppAsync()
    {
        var arguments = ServerArguments.Parse(Arguments);

        // Every stage within a few ratings: content for the first two, the hybrid up to 19, the fold-in from 20.
        arguments.Options.HybridFromRatings = 3;
        arguments.Options.CollaborativeFromRatings = 20;
        _app = ServerApp.Build(arguments, builder => builder.Logging.ClearProviders());
        await _app.StartAsync();
        _address = new Uri(_app.Urls.First());
    }

    private HttpClient Visitor(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true }) { BaseAddress = _address, Timeout = TimeSpan.FromSeconds(60) };

    private static Uri At(string path) => new(path, UriKind.Relative);

    private static JsonContent Opinion(string opinion) => JsonContent.Create(new { opinion });

    private static async Task<JsonElement> GetAsync(HttpClient client, string path) => await ServerFixture.JsonAsync(await client.GetAsync(At(path)));

    private async Task<long[]> MovieIdsAsync(int count)
    {
        using var client = Visitor();
        var ids = new List<long>();
        for (int page = 1; ids.Count < count; page++)
        {
            var movies = await GetAsync(client, $"/movies?page={page}");
            ids.AddRange(movies.EnumerateArray().Select(m => m.GetProperty("movieId").GetInt64()));
        }

        return [.. ids.Take(count)];
    }

    [Test]
    public async Task A_visitor_likes_dislikes_and_takes_back_and_suggestions_go_from_content_to_hybrid_to_collaborative()
    {
        using var client = Visitor();
        var movies = await MovieIdsAsync(25);
        var empty = await GetAsync(client, "/visitor");
        var popular = await GetAsync(client, "/visitor/suggestions?count=5");
        var first = await client.PutAsync(At($"/visitor/ratings/{movies[0]}"), Opinion("like"));
        var content = await GetAsync(client, "/visitor/suggestions?count=5");
        await client.PutAsync(At($"/visitor/ratings/{movies[1]}"), Opinion("like"));
        await client.PutAsync(At($"/visitor/ratings/{movies[2]}"), Opinion("dislike"));
        var hybrid = await GetAsync(client, "/visitor/suggestions?count=5");
        for (int i = 3; i < 20; i++)
        {
            await client.PutAsync(At($"/visitor/ratings/{movies[i]}"), Opinion(i % 3 == 0 ? "dislike" : "like"));
        }

        var collaborative = await GetAsync(client, "/visitor/suggestions?count=5");
        var state = await GetAsync(client, "/visitor");
        var undo = await client.DeleteAsync(At($"/visitor/ratings/{movies[2]}"));
        var undoAgain = await client.DeleteAsync(At($"/visitor/ratings/{movies[2]}"));
        var afterUndo = await GetAsync(client, "/visitor");
        var reset = await client.DeleteAsync(At("/visitor/ratings"));
        var afterReset = await GetAsync(client, "/visitor");

        static string Source(JsonElement list) => list.GetProperty("source").GetString()!;
        static long[] Ids(JsonElement list) => [.. list.GetProperty("movies").EnumerateArray().Select(m => m.GetProperty("movieId").GetInt64())];
        Assert.Multiple(() =>
        {
            Assert.That(empty.GetProperty("known").GetBoolean(), Is.False);
            Assert.That(Source(popular), Is.EqualTo("popularity"));
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(first.Headers.GetValues("Set-Cookie").Single(), Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
            Assert.That(Source(content), Is.EqualTo("content"));
            Assert.That(content.GetProperty("movies").EnumerateArray().Select(m => m.GetProperty("reason").GetString()), Has.All.StartWith("because you liked "));
            Assert.That(Ids(content), Does.Not.Contain(movies[0]), "a liked movie is not suggested");
            Assert.That(Source(hybrid), Is.EqualTo("hybrid"));
            Assert.That(Ids(hybrid), Has.None.AnyOf(movies[0], movies[1], movies[2]), "liked and disliked movies are not suggested");
            Assert.That(Source(collaborative), Is.EqualTo("fold-in"));
            Assert.That(state.GetProperty("ratings").GetArrayLength(), Is.EqualTo(20));
            Assert.That(state.GetProperty("ratings")[0].GetProperty("movieId").GetInt64(), Is.EqualTo(movies[19]), "latest first");
            Assert.That(state.GetProperty("topGenres").GetArrayLength(), Is.InRange(1, 5));
            Assert.That(undo.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(undoAgain.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(afterUndo.GetProperty("ratings").EnumerateArray().Select(r => r.GetProperty("movieId").GetInt64()), Does.Not.Contain(movies[2]));
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(afterReset.GetProperty("ratings").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task A_visitors_state_survives_a_restart_and_stays_their_own()
    {
        var movies = await MovieIdsAsync(4);
        var aliceCookies = new CookieContainer();
        using (var alice = Visitor(aliceCookies))
        {
            await alice.PutAsync(At($"/visitor/ratings/{movies[0]}"), Opinion("like"));
            await alice.PutAsync(At($"/visitor/ratings/{movies[1]}"), Opinion("dislike"));
        }

        using var bob = Visitor();
        await bob.PutAsync(At($"/visitor/ratings/{movies[2]}"), Opinion("like"));
        var bobDeletesAlices = await bob.DeleteAsync(At($"/visitor/ratings/{movies[0]}"));
        using var forger = Visitor();
        forger.DefaultRequestHeaders.Add("Cookie", "movierec_visitor=" + new string('A', 43));
        var forged = await GetAsync(forger, "/visitor");

        await _app.StopAsync();
        await _app.DisposeAsync();
        await StartAppAsync();
        using var aliceAgain = Visitor(CarriedOver(aliceCookies));
        var alice2 = await GetAsync(aliceAgain, "/visitor");

        Assert.Multiple(() =>
        {
            Assert.That(bobDeletesAlices.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "bob has no such rating; alice's is not his to take");
            Assert.That(forged.GetProperty("known").GetBoolean(), Is.False);
            Assert.That(alice2.GetProperty("known").GetBoolean(), Is.True);
            Assert.That(alice2.GetProperty("ratings").EnumerateArray().Select(r => (r.GetProperty("movieId").GetInt64(), r.GetProperty("opinion").GetString())),
                Is.EquivalentTo(new[] { (movies[0], "like"), (movies[1], "dislike") }));
        });
    }

    /// <summary>The cookies of the old address, for the restarted server's new port (a browser keys cookies by host, not port).</summary>
    private CookieContainer CarriedOver(CookieContainer cookies)
    {
        var carried = new CookieContainer();
        foreach (Cookie cookie in cookies.GetAllCookies())
        {
            carried.Add(_address, new Cookie(cookie.Name, cookie.Value, "/"));
        }

        return carried;
    }

    [Test]
    public async Task Writes_from_another_origin_or_not_in_json_are_refused_and_change_nothing()
    {
        var movies = await MovieIdsAsync(2);
        using var client = Visitor();
        await client.PutAsync(At($"/visitor/ratings/{movies[0]}"), Opinion("like"));

        async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, HttpContent? body, params (string Name, string Value)[] headers)
        {
            using var request = new HttpRequestMessage(method, At(path)) { Content = body };
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return (await client.SendAsync(request)).StatusCode;
        }

        var plain = await SendAsync(HttpMethod.Put, $"/visitor/ratings/{movies[1]}", new StringContent("{\"opinion\":\"like\"}", Encoding.UTF8, "text/plain"));
        var otherOrigin = await SendAsync(HttpMethod.Put, $"/visitor/ratings/{movies[1]}", Opinion("like"), ("Origin", "http://127.0.0.1:1"));
        var crossSite = await SendAsync(HttpMethod.Delete, $"/visitor/ratings/{movies[0]}", null, ("Sec-Fetch-Site", "cross-site"));
        var sameSitePort = await SendAsync(HttpMethod.Delete, "/visitor/ratings", null, ("Sec-Fetch-Site", "same-site"), ("Origin", "http://127.0.0.1:1"));
        var ownOrigin = await SendAsync(HttpMethod.Put, $"/visitor/ratings/{movies[1]}", Opinion("dislike"), ("Origin", _address.GetLeftPart(UriPartial.Authority)), ("Sec-Fetch-Site", "same-origin"));
        var badOpinion = await SendAsync(HttpMethod.Put, $"/visitor/ratings/{movies[1]}", Opinion("love"));
        var wrongMethod = await SendAsync(HttpMethod.Post, $"/visitor/ratings/{movies[1]}", Opinion("like"));
        var state = await GetAsync(client, "/visitor");

        Assert.Multiple(() =>
        {
            Assert.That(plain, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(otherOrigin, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(crossSite, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(sameSitePort, Is.EqualTo(HttpStatusCode.Forbidden), "another port of the same host is another origin");
            Assert.That(ownOrigin, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(badOpinion, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(wrongMethod, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(state.GetProperty("ratings").EnumerateArray().Select(r => (r.GetProperty("movieId").GetInt64(), r.GetProperty("opinion").GetString())),
                Is.EquivalentTo(new[] { (movies[0], "like"), (movies[1], "dislike") }), "only the same-origin JSON writes landed");
        });
    }

    [Test]
    public async Task The_page_is_served_with_its_security_headers_and_bad_framing_gets_400()
    {
        using var client = Visitor();
        var page = await client.GetAsync(At("/"));
        string html = await page.Content.ReadAsStringAsync();
        var script = await client.GetAsync(At("/page.js"));
        var api = await client.GetAsync(At("/visitor"));
        string framing = await RawAsync($"PUT /visitor/ratings/1 HTTP/1.1\r\nHost: {_address.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n80000000\r\n{{\"opinion\"");

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("<script src=\"/page.js\" defer></script>").And.Not.Contain("onclick"));
            string policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
            Assert.That(policy, Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.Not.Contain("unsafe-inline"));
            Assert.That(page.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(page.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
            Assert.That(page.Headers.Contains("Server"), Is.False, "no Server header");
            Assert.That(script.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
            Assert.That(string.Join(";", api.Headers.GetValues("Content-Security-Policy")), Does.StartWith("default-src 'none'"));
            Assert.That(framing, Does.StartWith("HTTP/1.1 400"), "a chunk size beyond the body limit is malformed framing, not a server error");
            Assert.That(framing, Does.Contain("X-Content-Type-Options: nosniff").And.Contain("Content-Security-Policy: default-src 'none'"), "an error response carries the security headers too");
        });
    }

    private async Task<string> RawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_address.Host, _address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        int read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    [Test]
    public async Task Ten_thousand_other_visitors_push_no_one_out_and_eight_parallel_clients_get_no_server_error()
    {
        var movies = await MovieIdsAsync(10);
        var aliceCookies = new CookieContainer();
        using var alice = Visitor(aliceCookies);
        await alice.PutAsync(At($"/visitor/ratings/{movies[0]}"), Opinion("like"));
        var before = await GetAsync(alice, "/visitor");

        // 10,000 visitors, each made by a first like, from 8 parallel clients with no cookie jar (a fresh visitor each time).
        int created = 0, failed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 10_000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_address, $"/visitor/ratings/{movies[i % movies.Length]}")) { Content = Opinion("like") };
            var response = await s_shared.SendAsync(request, cancellationToken);
            Interlocked.Increment(ref response.IsSuccessStatusCode ? ref created : ref failed);
        });

        // Then 8 clients, 2,000 requests each: state, suggestions and writes of visitors old and new.
        int serverErrors = 0, requests = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async c =>
        {
            using var client = Visitor();
            for (int i = 0; i < 2_000; i++)
            {
                var response = (i % 4) switch
                {
                    0 => await client.PutAsync(At($"/visitor/ratings/{movies[(c + i) % movies.Length]}"), Opinion(i % 8 == 0 ? "dislike" : "like")),
                    1 => await client.GetAsync(At("/visitor/suggestions?count=10")),
                    2 => await client.GetAsync(At("/visitor")),
                    _ => await client.DeleteAsync(At($"/visitor/ratings/{movies[(c + i - 3) % movies.Length]}")),
                };
                Interlocked.Increment(ref requests);
                if ((int)response.StatusCode >= 500)
                {
                    Interlocked.Increment(ref serverErrors);
                }
            }
        }));
        var after = await GetAsync(alice, "/visitor");

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo(10_000));
            Assert.That(failed, Is.Zero);
            Assert.That(requests, Is.EqualTo(16_000));
            Assert.That(serverErrors, Is.Zero);
            Assert.That(after.GetRawText(), Is.EqualTo(before.GetRawText()), "alice's state is untouched");
        });
    }

    [Test]
    public async Task One_client_starts_only_so_many_visitors_a_minute_and_those_it_has_keep_working()
    {
        string folder = ServerFixture.NewFolder("visitor-limit");
        var arguments = ServerArguments.Parse([
            "--urls", "http://127.0.0.1:0", "--database", Path.Combine(folder, "movierec.db"), "--models", Path.Combine(folder, "models"),
            "--data", ServerFixture.DatasetFolder, "--encoder", "none", "--retrain-after", "0", "--new-visitors-per-minute", "3"]);
        await using (var app = ServerApp.Build(arguments, builder => builder.Logging.ClearProviders()))
        {
            await app.StartAsync();
            var address = new Uri(app.Urls.First());
            using var first = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address };
            using var movies = await first.GetAsync(At("/movies?page=1"));
            long movie = (await ServerFixture.JsonAsync(movies))[0].GetProperty("movieId").GetInt64();
            var statuses = new List<HttpStatusCode> { (await first.PutAsync(At($"/visitor/ratings/{movie}"), Opinion("like"))).StatusCode };
            for (int i = 0; i < 4; i++)
            {
                using var fresh = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = address };
                statuses.Add((await fresh.PutAsync(At($"/visitor/ratings/{movie}"), Opinion("like"))).StatusCode);
            }

            var again = await first.PutAsync(At($"/visitor/ratings/{movie}"), Opinion("dislike"));
            Assert.Multiple(() =>
            {
                Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent, (HttpStatusCode)429, (HttpStatusCode)429 }));
                Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "a visitor who has a cookie is not a new one");
            });
        }

        Directory.Delete(folder, recursive: true);
    }

    private static readonly HttpClient s_shared = new(new HttpClientHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };
}
