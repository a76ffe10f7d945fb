using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using MovieRec.AspNetCore;

namespace MovieRec.Server.Tests;

/// <summary>Every endpoint of the API in process: MovieRec.AspNetCore in a minimal application, on a small dataset in SQLite.</summary>
[TestFixture]
public sealed class ApiTests
{
    private const string Key = "test-key";
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = ServerFixture.NewFolder("api");
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddMovieRec(options =>
        {
            options.Database = Path.Combine(_folder, "movierec.db");
            options.ModelsDirectory = Path.Combine(_folder, "models");
            options.Data = ServerFixture.DatasetFolder;
            options.ApiKey = Key;
            options.RetrainAfterRatings = 0;
            options.PollInterval = TimeSpan.FromMilliseconds(200);
        });
        _app = builder.Build();
        _app.UseRateLimiter();
        _app.MapMovieRec();
        await _app.StartAsync();
        _client = _app.GetTestClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", Key);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static Uri At(string path) => new(path, UriKind.Relative);

    [Test]
    public async Task A_known_user_gets_recommendations_from_the_model_with_reasons()
    {
        var response = await _client.GetAsync(At("/users/1/recommendations?count=4"));
        var body = await ServerFixture.JsonAsync(response);
        var movies = body.GetProperty("movies").EnumerateArray().ToList();
        var rated = (await ServerFixture.JsonAsync(await _client.GetAsync(At("/users/1/ratings")))).EnumerateArray().Select(r => r.GetProperty("movieId").GetInt64()).ToHashSet();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("source").GetString(), Is.EqualTo("model"));
            Assert.That(movies, Has.Count.EqualTo(4));
            Assert.That(movies.Select(m => m.GetProperty("movieId").GetInt64()), Has.None.AnyOf(rated.Cast<object>().ToArray()), "movies the user rated are left out");
            Assert.That(movies.Select(m => m.GetProperty("reason").GetString()), Has.All.StartWith("because you liked "));
            Assert.That(movies.Select(m => m.GetProperty("score").GetSingle()), Is.Ordered.Descending);
        });
    }

    [Test]
    public async Task A_new_user_gets_popular_movies_then_is_folded_in_the_moment_they_rate()
    {
        var created = await _client.PostAsJsonAsync(At("/users"), new { gender = "F", age = 31 });
        long user = (await ServerFixture.JsonAsync(created)).GetProperty("userId").GetInt64();
        var before = await ServerFixture.JsonAsync(await _client.GetAsync(At($"/users/{user}/recommendations")));
        var put = await _client.PutAsync(At($"/users/{user}/ratings/1"), Bodies.Rating(5));
        var batch = await _client.PostAsJsonAsync(At($"/users/{user}/ratings"), new[] { new { movieId = 2, rating = 1f }, new { movieId = 3, rating = 4f } });
        var after = await ServerFixture.JsonAsync(await _client.GetAsync(At($"/users/{user}/recommendations")));
        var ratings = await ServerFixture.JsonAsync(await _client.GetAsync(At($"/users/{user}/ratings")));
        var undo = await _client.DeleteAsync(At($"/users/{user}/ratings/2"));
        var again = await _client.DeleteAsync(At($"/users/{user}/ratings/2"));
        var afterUndo = await ServerFixture.JsonAsync(await _client.GetAsync(At($"/users/{user}/ratings")));

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(created.Headers.Location?.ToString(), Is.EqualTo($"/users/{user}"));
            Assert.That(before.GetProperty("source").GetString(), Is.EqualTo("popularity"));
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(batch.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(after.GetProperty("source").GetString(), Is.EqualTo("hybrid"), "the ratings count without retraining: three of them fuse the fold-in with content");
            Assert.That(after.GetProperty("movies").EnumerateArray().Select(m => m.GetProperty("movieId").GetInt64()), Has.None.AnyOf(1L, 2L, 3L));
            Assert.That(ratings.GetArrayLength(), Is.EqualTo(3));
            Assert.That(undo.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(afterUndo.EnumerateArray().Select(r => r.GetProperty("movieId").GetInt64()), Is.EquivalentTo(new[] { 1L, 3L }));
        });
    }

    [Test]
    public async Task Movies_are_searched_listed_and_compared()
    {
        var page = await ServerFixture.JsonAsync(await _client.GetAsync(At("/movies?page=1")));
        string title = page[0].GetProperty("title").GetString()!;
        string word = title.Split(' ')[0];
        var found = await ServerFixture.JsonAsync(await _client.GetAsync(At($"/movies?search={Uri.EscapeDataString(word.ToUpperInvariant())}")));
        string genre = page[0].GetProperty("genres")[0].GetString()!;
        var byGenre = await ServerFixture.JsonAsync(await _client.GetAsync(At($"/movies?genre={Uri.EscapeDataString(genre)}")));
        long movie = page[0].GetProperty("movieId").GetInt64();
        var similar = await ServerFixture.JsonAsync(await _client.GetAsync(At($"/movies/{movie}/similar?count=3")));
        var alsoLiked = await _client.GetAsync(At($"/movies/{movie}/also-liked?count=3"));

        Assert.Multiple(() =>
        {
            Assert.That(page.GetArrayLength(), Is.EqualTo(20));
            Assert.That(found.EnumerateArray().Select(m => m.GetProperty("title").GetString()), Has.All.Contains(word).IgnoreCase.And.Not.Empty);
            Assert.That(byGenre.EnumerateArray().Select(m => m.GetProperty("genres").EnumerateArray().Select(g => g.GetString())), Has.All.Contains(genre));
            Assert.That(similar.GetProperty("movies").GetArrayLength(), Is.EqualTo(3));
            Assert.That(similar.GetProperty("movies").EnumerateArray().Select(m => m.GetProperty("movieId").GetInt64()), Has.No.Member(movie));
            Assert.That(alsoLiked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task The_model_says_what_serves_and_a_retrain_swaps_in_a_new_version()
    {
        var first = await ServerFixture.JsonAsync(await _client.GetAsync(At("/models")));
        var retrain = await _client.PostAsync(At("/models/retrain"), null);
        long version = first.GetProperty("version").GetInt64();
        JsonElement now = first;
        for (int i = 0; i < 200 && now.GetProperty("version").GetInt64() == version; i++)
        {
            await Task.Delay(100);
            now = await ServerFixture.JsonAsync(await _client.GetAsync(At("/models")));
        }

        var live = await _client.GetAsync(At("/health/live"));
        var ready = await ServerFixture.JsonAsync(await _client.GetAsync(At("/health/ready")));

        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("name").GetString(), Is.EqualTo("mf"));
            Assert.That(first.GetProperty("foldsIn").GetBoolean(), Is.True);
            Assert.That(first.GetProperty("validationRmse").GetDouble(), Is.InRange(0.3, 2.0));
            Assert.That(first.GetProperty("ratingScale").GetString(), Does.StartWith("1 to 5"));
            Assert.That(retrain.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(now.GetProperty("version").GetInt64(), Is.GreaterThan(version), "the retrained model serves");
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ready.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        });
    }

    [Test]
    public async Task Bad_input_gets_a_problem_naming_the_field_and_changes_nothing()
    {
        var offScale = await _client.PutAsync(At("/users/1/ratings/1"), Bodies.Rating(7));
        var unknownMovie = await _client.PutAsync(At("/users/1/ratings/987654"), Bodies.Rating(3));
        var unknownUser = await _client.GetAsync(At("/users/987654/recommendations"));
        var notJson = await _client.PutAsync(At("/users/1/ratings/1"), new StringContent("{\"rating\": 3}", Encoding.UTF8, "text/plain"));
        var broken = await _client.PutAsync(At("/users/1/ratings/1"), new StringContent("{\"rating\":", Encoding.UTF8, "application/json"));
        var huge = await _client.PostAsync(At("/users/1/ratings"), new StringContent("[" + string.Join(',', Enumerable.Repeat("{\"movieId\":1,\"rating\":3}", 60_000)) + "]", Encoding.UTF8, "application/json"));
        var badCount = await _client.GetAsync(At("/users/1/recommendations?count=0"));
        var badGender = await _client.PostAsJsonAsync(At("/users"), new { gender = "X" });
        using var anonymous = _app.GetTestClient();
        var noKey = await anonymous.PutAsync(At("/users/1/ratings/1"), Bodies.Rating(3));
        var wrongMethod = await _client.PatchAsync(At("/users/1/ratings/1"), Bodies.Rating(3));
        var problem = await ServerFixture.JsonAsync(offScale);
        var ratings = await ServerFixture.JsonAsync(await _client.GetAsync(At("/users/1/ratings")));

        Assert.Multiple(() =>
        {
            Assert.That(offScale.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(offScale.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("field").GetString(), Is.EqualTo("rating"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("rating 7 is not accepted").And.Contain("1 to 5 in steps of 1"));
            Assert.That(unknownMovie.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknownUser.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(notJson.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(broken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(badCount.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(badGender.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(noKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrongMethod.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(ratings.EnumerateArray().Select(r => r.GetProperty("rating").GetSingle()), Has.None.EqualTo(7f));
        });
    }

    [Test]
    public async Task Fold_ins_writes_and_the_model_version_reach_the_meter()
    {
        var measured = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MovieRecServiceCollectionExtensions.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        listener.Start();

        var created = await _client.PostAsJsonAsync(At("/users"), new { });
        long user = (await ServerFixture.JsonAsync(created)).GetProperty("userId").GetInt64();
        await _client.PostAsJsonAsync(At($"/users/{user}/ratings"), new[] { new { movieId = 5, rating = 4f }, new { movieId = 6, rating = 5f }, new { movieId = 7, rating = 2f } });
        await _client.GetAsync(At($"/users/{user}/recommendations"));
        listener.RecordObservableInstruments();

        Assert.Multiple(() =>
        {
            Assert.That(measured.GetValueOrDefault("movierec.fold_ins"), Is.GreaterThanOrEqualTo(1));
            Assert.That(measured.GetValueOrDefault("movierec.rating_writes"), Is.GreaterThanOrEqualTo(1));
            Assert.That(measured.ContainsKey("movierec.recommendation.duration"), Is.True);
            Assert.That(measured.GetValueOrDefault("movierec.model.version"), Is.GreaterThanOrEqualTo(1));
        });
    }
}
