using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace MovieRec.Server.Tests;

/// <summary>
/// Two server processes on one PostgreSQL (a database of its own, from <c>MOVIEREC_POSTGRES</c>, which <c>.ci/run</c> sets to
/// a throw-away cluster): a rating written through one counts in the next recommendation served by the other, and a
/// model retrained by one serves on both.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresTests
{
    private string _admin = null!;
    private string _database = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _admin = Environment.GetEnvironmentVariable("MOVIEREC_POSTGRES") ?? string.Empty;
        if (_admin.Length == 0)
        {
            Assert.Ignore("MOVIEREC_POSTGRES is not set (.ci/run starts a PostgreSQL cluster and sets it); the two-instance test needs PostgreSQL.");
        }

        string name = $"movierec_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        _database = new NpgsqlConnectionStringBuilder(_admin) { Database = name }.ToString();
        _folder = ServerFixture.NewFolder("postgres");
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_database is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(_database).Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task A_rating_through_one_instance_counts_on_the_other_and_a_retrain_serves_on_both()
    {
        string[] arguments = ["--database", _database, "--models", Path.Combine(_folder, "models"), "--data", ServerFixture.DatasetFolder, "--requests-per-second", "0"];
        var starting = new[] { ServerFixture.StartProcessAsync(arguments), ServerFixture.StartProcessAsync(arguments) };
        using var one = await starting[0];
        using var two = await starting[1];
        using var first = one.Client();
        using var second = two.Client();

        var created = await first.PostAsJsonAsync(new Uri("/users", UriKind.Relative), new { gender = "M", age = 40 });
        long user = (await ServerFixture.JsonAsync(created)).GetProperty("userId").GetInt64();
        var movies = (await ServerFixture.JsonAsync(await second.GetAsync(new Uri("/movies?page=1", UriKind.Relative)))).EnumerateArray().Select(m => m.GetProperty("movieId").GetInt64()).Take(3).ToArray();
        foreach (long movie in movies)
        {
            var put = await first.PutAsync(new Uri($"/users/{user}/ratings/{movie}", UriKind.Relative), Bodies.Rating(5));
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        var onTheOther = await ServerFixture.JsonAsync(await second.GetAsync(new Uri($"/users/{user}/recommendations?count=5", UriKind.Relative)));
        long version = (await ServerFixture.JsonAsync(await second.GetAsync(new Uri("/models", UriKind.Relative)))).GetProperty("version").GetInt64();
        var retrain = await first.PostAsync(new Uri("/models/retrain", UriKind.Relative), null);
        long served = version;
        for (int i = 0; i < 300 && served == version; i++)
        {
            await Task.Delay(100);
            served = (await ServerFixture.JsonAsync(await second.GetAsync(new Uri("/models", UriKind.Relative)))).GetProperty("version").GetInt64();
        }

        var afterRetrain = await ServerFixture.JsonAsync(await second.GetAsync(new Uri($"/users/{user}/recommendations?count=5", UriKind.Relative)));
        long firstVersion = (await ServerFixture.JsonAsync(await first.GetAsync(new Uri("/models", UriKind.Relative)))).GetProperty("version").GetInt64();

        Assert.Multiple(() =>
        {
            Assert.That(onTheOther.GetProperty("source").GetString(), Is.EqualTo("hybrid"), "the other instance read the new ratings from the database (three: the fold-in fused with content)");
            Assert.That(onTheOther.GetProperty("movies").EnumerateArray().Select(m => m.GetProperty("movieId").GetInt64()), Has.None.AnyOf(movies.Cast<object>().ToArray()));
            Assert.That(retrain.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(served, Is.GreaterThan(version), "the model one instance trained serves on the other");
            Assert.That(firstVersion, Is.EqualTo(served));
            Assert.That(afterRetrain.GetProperty("source").GetString(), Is.EqualTo("model"), "the retrained model knows the user");
            Assert.That(one.Output + two.Output, Does.Contain("Imported").And.Not.Contain("duplicate key"), "one instance imported the dataset, the other found it there");
        });
    }

    [Test]
    public async Task New_users_and_visitors_created_at_once_through_two_instances_all_get_ids_of_their_own()
    {
        string[] arguments = ["--database", _database, "--models", Path.Combine(_folder, "models"), "--data", ServerFixture.DatasetFolder, "--requests-per-second", "0", "--encoder", "tfidf", "--new-visitors-per-minute", "0"];
        var starting = new[] { ServerFixture.StartProcessAsync(arguments), ServerFixture.StartProcessAsync(arguments) };
        using var one = await starting[0];
        using var two = await starting[1];
        var movie = (await ServerFixture.JsonAsync(await one.Client().GetAsync(new Uri("/movies?page=1", UriKind.Relative))))[0].GetProperty("movieId").GetInt64();

        var users = new System.Collections.Concurrent.ConcurrentBag<long>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 160), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
        {
            using var client = (i % 2 == 0 ? one : two).Client();
            if (i % 4 < 2)
            {
                var created = await client.PostAsJsonAsync(new Uri("/users", UriKind.Relative), new { age = 30 }, cancellationToken);
                if (created.StatusCode == HttpStatusCode.Created)
                {
                    users.Add((await ServerFixture.JsonAsync(created)).GetProperty("userId").GetInt64());
                }
                else
                {
                    failures.Add($"POST /users {created.StatusCode}");
                }
            }
            else
            {
                var liked = await client.PutAsJsonAsync(new Uri($"/visitor/ratings/{movie}", UriKind.Relative), new { opinion = "like" }, cancellationToken);
                if (liked.StatusCode != HttpStatusCode.NoContent)
                {
                    failures.Add($"PUT /visitor/ratings {liked.StatusCode}");
                }
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);
            Assert.That(users, Has.Count.EqualTo(80).And.Unique);
        });
    }
}
