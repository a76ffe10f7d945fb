using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace MovieRec.Web.Tests;

/// <summary>The web app on a real port of 127.0.0.1, on the synthetic catalogue, driven through its JSON API.</summary>
[TestFixture]
public sealed class WebAppTests
{
    private WebApplication _app = null!;
    private Uri _address = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = WebApp.Build(["--urls", "http://127.0.0.1:0", "--catalogue", "synthetic", "--encoder", "tfidf"]);
        await _app.StartAsync();
        _address = new Uri(_app.Urls.First());
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private HttpClient NewVisitor()
    {
#pragma warning disable CA2000 // The client owns and disposes its handler.
        return new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }, disposeHandler: true) { BaseAddress = _address };
#pragma warning restore CA2000
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static int[] Ids(JsonElement state) => [.. state.GetProperty("movies").EnumerateArray().Select(m => m.GetProperty("id").GetInt32())];

    [Test]
    public async Task The_page_is_served()
    {
        using var client = NewVisitor();
        string page = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.That(page, Does.Contain("Pick the movies you like").And.Contain("/api/submit"));
    }

    [Test]
    public async Task Liking_two_movies_shows_five_new_ones_and_the_genres_and_survives_a_reload()
    {
        using var client = NewVisitor();
        var first = await Json(await client.GetAsync(new Uri("/api/state", UriKind.Relative)));
        var shown = Ids(first);
        var submitted = await client.PostAsJsonAsync(new Uri("/api/submit", UriKind.Relative), new { liked = shown[..2] });
        var next = await Json(submitted);
        var reloaded = await Json(await client.GetAsync(new Uri("/api/state", UriKind.Relative)));
        var reset = await Json(await client.PostAsync(new Uri("/api/reset", UriKind.Relative), null));

        Assert.Multiple(() =>
        {
            Assert.That(shown, Has.Length.EqualTo(5));
            Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Ids(next), Has.Length.EqualTo(5).And.No.AnyOf(shown.Cast<object>().ToArray()));
            Assert.That(next.GetProperty("likes").GetInt32(), Is.EqualTo(2));
            Assert.That(next.GetProperty("topGenres").GetArrayLength(), Is.InRange(1, 5));
            Assert.That(Ids(reloaded), Is.EqualTo(Ids(next)));
            Assert.That(reset.GetProperty("likes").GetInt32(), Is.Zero);
            Assert.That(reset.GetProperty("topGenres").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task One_visitor_neither_sees_nor_changes_another()
    {
        using var alice = NewVisitor();
        using var bob = NewVisitor();
        var aliceMovies = Ids(await Json(await alice.GetAsync(new Uri("/api/state", UriKind.Relative))));
        var bobMovies = Ids(await Json(await bob.GetAsync(new Uri("/api/state", UriKind.Relative))));
        await alice.PostAsJsonAsync(new Uri("/api/submit", UriKind.Relative), new { liked = aliceMovies[..1] });
        var notOnBobsPage = aliceMovies.Except(bobMovies).First();
        var bobTries = await bob.PostAsJsonAsync(new Uri("/api/submit", UriKind.Relative), new { liked = new[] { notOnBobsPage } });
        var bobState = await Json(await bob.GetAsync(new Uri("/api/state", UriKind.Relative)));

        Assert.Multiple(() =>
        {
            Assert.That(bobTries.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(bobState.GetProperty("likes").GetInt32(), Is.Zero);
            Assert.That(Ids(bobState), Is.EqualTo(bobMovies));
        });
    }

    [TestCase("{not json", HttpStatusCode.BadRequest, "not JSON")]
    [TestCase("{\"other\": 1}", HttpStatusCode.BadRequest, "The body has no")]
    [TestCase("{\"liked\": [1, 2, 3, 4, 5, 6]}", HttpStatusCode.BadRequest, "at most 5")]
    [TestCase("{\"liked\": [987654]}", HttpStatusCode.BadRequest, "not on your page")]
    [TestCase("{\"liked\": \"x\"}", HttpStatusCode.BadRequest, "not JSON")]
    public async Task Bad_submissions_get_a_4xx_with_a_message(string body, HttpStatusCode status, string message)
    {
        using var client = NewVisitor();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri("/api/submit", UriKind.Relative), content);
        string text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), text);
            Assert.That(text, Does.Contain(message));
        });
    }

    [Test]
    public async Task An_oversized_body_gets_413()
    {
        using var client = NewVisitor();
        using var content = new StringContent(new string(' ', WebApp.MaxBodyBytes + 10) + "{}", Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri("/api/submit", UriKind.Relative), content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public void A_bad_option_is_named()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => WebApp.Build(["--catalogue", "no-such.csv"]), Throws.TypeOf<WebAppOptionException>().With.Message.Contains("--catalogue 'no-such.csv'"));
            Assert.That(() => WebApp.Build(["--catalogue", "synthetic", "--encoder", "bert"]), Throws.TypeOf<WebAppOptionException>().With.Message.Contains("--encoder 'bert'"));
        });
    }
}
