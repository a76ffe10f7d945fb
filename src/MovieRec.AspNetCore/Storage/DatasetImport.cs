using System.Data.Common;
using System.Globalization;
using MovieRec.Data;
using Npgsql;
using NpgsqlTypes;

namespace MovieRec.AspNetCore.Storage;

/// <summary>
/// Moves a dataset into the database in bulk (one transaction; PostgreSQL's binary COPY) and reads the database back as
/// a dataset to train on.
/// </summary>
internal static class DatasetImport
{
    /// <summary>
    /// Imports the movies, users and ratings of <paramref name="dataset"/> and its rating scale, in one transaction, unless
    /// the database has movies already (another instance imported them first: the check and the import hold one lock).
    /// </summary>
    /// <returns>Whether this call imported.</returns>
    public static async Task<bool> ImportAsync(RecommenderDatabase database, RecommendationDataset dataset, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await RecommenderDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        if (database.IsPostgres)
        {
            await using var lockCommand = RecommenderDatabase.Command(connection, transaction, "SELECT pg_advisory_xact_lock(727272)");
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var count = RecommenderDatabase.Command(connection, transaction, "SELECT COUNT(*) FROM movies"))
        {
            if (Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0)
            {
                return false;
            }
        }

        var movies = dataset.Movies;
        var users = dataset.Users;
        var r = dataset.Ratings;
        if (connection is NpgsqlConnection postgres)
        {
            await using (var copy = await postgres.BeginBinaryImportAsync("COPY movies (movie_id, title, genres, year) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                for (int m = 1; m < dataset.MovieIds.IndexCount; m++)
                {
                    await copy.WriteRowAsync(cancellationToken, dataset.MovieIds.RawIdOf(m), Title(movies, m), Genres(movies, m), Year(movies, m)).ConfigureAwait(false);
                }

                await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var copy = await postgres.BeginBinaryImportAsync("COPY users (user_id, gender, age, occupation, changed_at) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                for (int u = 1; u < dataset.UserIds.IndexCount; u++)
                {
                    var (gender, age, occupation) = Demographics(users, u);
                    await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(dataset.UserIds.RawIdOf(u), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await WriteNullableAsync(copy, gender, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await WriteNullableAsync(copy, age, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await WriteNullableAsync(copy, occupation, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                }

                await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var copy = await postgres.BeginBinaryImportAsync("COPY ratings (user_id, movie_id, rating, rated_at) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                for (int i = 0; i < r.Count; i++)
                {
                    await copy.WriteRowAsync(cancellationToken, dataset.UserIds.RawIdOf(r.Users[i]), dataset.MovieIds.RawIdOf(r.Movies[i]), r.Ratings[i], r.Timestamps[i]).ConfigureAwait(false);
                }

                await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await InsertAllAsync(connection, transaction, "INSERT INTO movies (movie_id, title, genres, year) VALUES (@a, @b, @c, @d)", dataset.MovieIds.IndexCount - 1, i =>
                [dataset.MovieIds.RawIdOf(i + 1), Title(movies, i + 1), Genres(movies, i + 1), Year(movies, i + 1)], cancellationToken).ConfigureAwait(false);
            await InsertAllAsync(connection, transaction, "INSERT INTO users (user_id, gender, age, occupation, changed_at) VALUES (@a, @b, @c, @d, 0)", dataset.UserIds.IndexCount - 1, i =>
            {
                var (gender, age, occupation) = Demographics(users, i + 1);
                return [dataset.UserIds.RawIdOf(i + 1), gender, age, occupation];
            }, cancellationToken).ConfigureAwait(false);
            await InsertAllAsync(connection, transaction, "INSERT INTO ratings (user_id, movie_id, rating, rated_at) VALUES (@a, @b, @c, @d)", r.Count, i =>
                [dataset.UserIds.RawIdOf(r.Users[i]), dataset.MovieIds.RawIdOf(r.Movies[i]), r.Ratings[i], r.Timestamps[i]], cancellationToken).ConfigureAwait(false);
        }

        bool halves = false;
        foreach (float rating in r.Ratings)
        {
            halves |= rating != MathF.Floor(rating);
        }

        foreach (var (name, value) in new[] { ("dataset", dataset.Name), ("rating_min", Number(dataset.RatingMin)), ("rating_max", Number(dataset.RatingMax)), ("rating_step", halves ? "0.5" : "1") })
        {
            await using var setting = RecommenderDatabase.Command(connection, transaction, "INSERT INTO settings (name, value) VALUES (@n, @v) ON CONFLICT (name) DO UPDATE SET value = excluded.value", ("@n", name), ("@v", value));
            await setting.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The database as a dataset to train on: every movie, every user and every rating, read in one snapshot; the
    /// time of the snapshot tells later which users changed since and how many ratings arrived.
    /// </summary>
    public static async Task<(RecommendationDataset Dataset, long SnapshotAt)> LoadAsync(RecommenderDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await RecommenderDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        long snapshotAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var movieIds = new IdMap();
        var titles = new List<string> { string.Empty };
        var years = new List<int> { 0 };
        var genreLists = new List<IReadOnlyList<int>> { Array.Empty<int>() };
        var genreNames = new List<string>();
        var genreIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = RecommenderDatabase.Command(connection, transaction, "SELECT movie_id, title, genres, year FROM movies ORDER BY movie_id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var movie = RatingStore.Movie(reader);
                movieIds.GetOrAdd(movie.MovieId);
                titles.Add(movie.Title);
                years.Add(movie.Year);
                genreLists.Add([.. movie.Genres.Select(g => genreIndex.TryGetValue(g, out int i) ? i : genreIndex[g] = AddName(genreNames, g))]);
            }
        }

        var userIds = new IdMap();
        await using (var command = RecommenderDatabase.Command(connection, transaction, "SELECT user_id FROM users ORDER BY user_id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                userIds.GetOrAdd(reader.GetInt64(0));
            }
        }

        List<int> users = [], movies = [];
        List<float> ratings = [];
        List<long> times = [];
        await using (var command = RecommenderDatabase.Command(connection, transaction, "SELECT user_id, movie_id, rating, rated_at FROM ratings ORDER BY user_id, movie_id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                users.Add(userIds.IndexOf(reader.GetInt64(0)));
                movies.Add(movieIds.IndexOf(reader.GetInt64(1)));
                ratings.Add(Convert.ToSingle(reader.GetValue(2), CultureInfo.InvariantCulture));
                times.Add(reader.GetInt64(3));
            }
        }

        string name = "server";
        float min = 1, max = 5;
        await using (var command = RecommenderDatabase.Command(connection, transaction, "SELECT name, value FROM settings"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (reader.GetString(0))
                {
                    case "dataset": name = reader.GetString(1); break;
                    case "rating_min": min = float.Parse(reader.GetString(1), CultureInfo.InvariantCulture); break;
                    case "rating_max": max = float.Parse(reader.GetString(1), CultureInfo.InvariantCulture); break;
                }
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        var table = RatingsTable.Create([.. users], [.. movies], [.. ratings], [.. times]);
        var moviesTable = MoviesTable.Create(titles, years, genreLists, genreNames.Count == 0 ? ["(no genres listed)"] : genreNames);
        return (RecommendationDataset.Create(name, table, null, moviesTable, userIds, movieIds, min, max), snapshotAt);
    }

    private static int AddName(List<string> names, string name)
    {
        names.Add(name);
        return names.Count - 1;
    }

    private static async Task InsertAllAsync(DbConnection connection, DbTransaction transaction, string sql, int rows, Func<int, object?[]> values, CancellationToken cancellationToken)
    {
        await using var command = RecommenderDatabase.Command(connection, transaction, sql, ("@a", 0L), ("@b", null), ("@c", null), ("@d", null));
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < rows; i++)
        {
            var row = values(i);
            for (int c = 0; c < row.Length; c++)
            {
                command.Parameters[c].Value = row[c] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await copy.WriteAsync(value, type, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Title(MoviesTable movies, int m) => m < movies.Count ? movies.Titles[m] : string.Empty;

    private static int Year(MoviesTable movies, int m) => m < movies.Count ? movies.Years[m] : 0;

    /// <summary>The genres as <c>|A|B|</c>, so that a genre matches as <c>%|A|%</c>.</summary>
    private static string Genres(MoviesTable movies, int m)
    {
        if (m >= movies.Count)
        {
            return "|";
        }

        var genres = movies.GenresOf(m);
        var names = new string[genres.Length];
        for (int i = 0; i < genres.Length; i++)
        {
            names[i] = movies.GenreNames[genres[i]];
        }

        return "|" + string.Join('|', names) + "|";
    }

    private static (string? Gender, int? Age, int? Occupation) Demographics(UsersTable? users, int u) =>
        users is null || u >= users.Count
            ? (null, null, null)
            : (users.Gender[u] switch { 0 => "F", 1 => "M", _ => null }, users.Age[u] > 0 ? users.Age[u] : null, users.Occupation[u]);

    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
