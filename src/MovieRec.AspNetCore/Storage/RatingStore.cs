using System.Data.Common;
using System.Globalization;

namespace MovieRec.AspNetCore.Storage;

/// <summary>A movie as the database holds it.</summary>
/// <param name="MovieId">The dataset's movie id.</param>
/// <param name="Title">The title, as the dataset writes it (with the year).</param>
/// <param name="Genres">The genres.</param>
/// <param name="Year">The release year, 0 when unknown.</param>
internal sealed record MovieRow(long MovieId, string Title, IReadOnlyList<string> Genres, int Year);

/// <summary>A user as the database holds it.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="Gender">F or M, or null.</param>
/// <param name="Age">Age in years, or null.</param>
/// <param name="Occupation">Occupation as the dataset encodes it, or null.</param>
/// <param name="ChangedAt">When the user's ratings last changed (Unix milliseconds; 0 for imported users).</param>
internal sealed record UserRow(long UserId, string? Gender, int? Age, int? Occupation, long ChangedAt);

/// <summary>One of a user's ratings.</summary>
/// <param name="MovieId">The movie.</param>
/// <param name="Rating">The rating.</param>
/// <param name="RatedAt">When it was given (Unix seconds).</param>
internal sealed record RatingRow(long MovieId, float Rating, long RatedAt);

/// <summary>The ratings the dataset allows: the multiples of <paramref name="Step"/> from <paramref name="Min"/> to <paramref name="Max"/>.</summary>
/// <param name="Min">The scale's lowest rating (the lowest multiple of the step at or above it is the lowest allowed).</param>
/// <param name="Max">The highest rating.</param>
/// <param name="Step">The step: 0.5 when the dataset has half stars, else 1.</param>
internal sealed record RatingScale(float Min, float Max, float Step)
{
    /// <summary>Gets the lowest rating allowed.</summary>
    public float Lowest => MathF.Ceiling((Min / Step) - 1e-4f) * Step;

    /// <summary>Whether <paramref name="rating"/> is on the scale.</summary>
    public bool Allows(float rating)
    {
        if (!float.IsFinite(rating) || rating < Lowest - 1e-4f || rating > Max + 1e-4f)
        {
            return false;
        }

        double steps = rating / Step;
        return Math.Abs(steps - Math.Round(steps)) < 1e-4;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Lowest} to {Max} in steps of {Step}");
}

/// <summary>Users, ratings and movies in the database; every write is one transaction, acknowledged once committed.</summary>
internal sealed class RatingStore(RecommenderDatabase database)
{
    private RatingScale? _scale;

    public RecommenderDatabase Database => database;

    public async Task<bool> HasMoviesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(connection, null, "SELECT COUNT(*) FROM movies");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    public async Task<RatingScale> ScaleAsync(CancellationToken cancellationToken)
    {
        if (_scale is { } known)
        {
            return known;
        }

        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(connection, null, "SELECT name, value FROM settings WHERE name IN ('rating_min', 'rating_max', 'rating_step')");
        var values = new Dictionary<string, float>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                values[reader.GetString(0)] = float.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
            }
        }

        _scale = new RatingScale(values.GetValueOrDefault("rating_min", 1f), values.GetValueOrDefault("rating_max", 5f), values.GetValueOrDefault("rating_step", 1f));
        return _scale;
    }

    public async Task<MovieRow?> MovieAsync(long movieId, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(connection, null, "SELECT movie_id, title, genres, year FROM movies WHERE movie_id = @m", ("@m", movieId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Movie(reader) : null;
    }

    /// <summary>A page of movies whose title contains <paramref name="search"/> (any case) and that have <paramref name="genre"/>, by id.</summary>
    public async Task<IReadOnlyList<MovieRow>> MoviesAsync(string? search, string? genre, int page, int size, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object?)> { ("@n", size), ("@o", (long)(page - 1) * size) };
        if (search is not null)
        {
            conditions.Add($"title {database.CaseInsensitiveLike} @s");
            parameters.Add(("@s", "%" + EscapeLike(search) + "%"));
        }

        if (genre is not null)
        {
            conditions.Add($"genres {database.CaseInsensitiveLike} @g");
            parameters.Add(("@g", "%|" + EscapeLike(genre) + "|%"));
        }

        string where = conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions);
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(connection, null, $"SELECT movie_id, title, genres, year FROM movies{where} ORDER BY movie_id LIMIT @n OFFSET @o", [.. parameters]);
        var movies = new List<MovieRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            movies.Add(Movie(reader));
        }

        return movies;
    }

    /// <summary>The titles and genres of some movies, by id.</summary>
    public async Task<Dictionary<long, MovieRow>> MoviesAsync(IReadOnlyCollection<long> movieIds, CancellationToken cancellationToken)
    {
        var movies = new Dictionary<long, MovieRow>();
        if (movieIds.Count == 0)
        {
            return movies;
        }

        string list = string.Join(',', movieIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(connection, null, $"SELECT movie_id, title, genres, year FROM movies WHERE movie_id IN ({list})");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var movie = Movie(reader);
            movies[movie.MovieId] = movie;
        }

        return movies;
    }

    public async Task<UserRow?> UserAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return await UserAsync(connection, null, userId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a user with the next free id.</summary>
    public async Task<UserRow> CreateUserAsync(string? gender, int? age, int? occupation, CancellationToken cancellationToken)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (int attempt = 0; ; attempt++)
        {
            await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await RecommenderDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            try
            {
                if (database.IsPostgres)
                {
                    // Writers of new users queue on one lock (every instance shares it), so that two never read the same
                    // MAX(user_id); SQLite's write transaction already holds the whole database.
                    await using var queue = RecommenderDatabase.Command(connection, transaction, "SELECT pg_advisory_xact_lock(727273)");
                    await queue.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using var command = RecommenderDatabase.Command(
                    connection,
                    transaction,
                    "INSERT INTO users (user_id, gender, age, occupation, changed_at) SELECT COALESCE(MAX(user_id), 0) + 1, CAST(@g AS TEXT), CAST(@a AS INTEGER), CAST(@o AS INTEGER), @t FROM users RETURNING user_id",
                    ("@g", gender),
                    ("@a", age),
                    ("@o", occupation),
                    ("@t", now));
                long id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new UserRow(id, gender, age, occupation, now);
            }
            catch (DbException) when (attempt < 5)
            {
                // Another instance took the same id first: take the next one.
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<RatingRow>> RatingsAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(connection, null, "SELECT movie_id, rating, rated_at FROM ratings WHERE user_id = @u ORDER BY rated_at, movie_id", ("@u", userId));
        var ratings = new List<RatingRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ratings.Add(new RatingRow(reader.GetInt64(0), Convert.ToSingle(reader.GetValue(1), CultureInfo.InvariantCulture), reader.GetInt64(2)));
        }

        return ratings;
    }

    /// <summary>Writes (or replaces) a user's ratings in one transaction and marks the user changed.</summary>
    public async Task PutRatingsAsync(long userId, IReadOnlyList<(long MovieId, float Rating)> ratings, CancellationToken cancellationToken)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await RecommenderDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        foreach (var (movieId, rating) in ratings)
        {
            await using var command = RecommenderDatabase.Command(
                connection,
                transaction,
                "INSERT INTO ratings (user_id, movie_id, rating, rated_at) VALUES (@u, @m, @r, @t) ON CONFLICT (user_id, movie_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at",
                ("@u", userId),
                ("@m", movieId),
                ("@r", rating),
                ("@t", now / 1000));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await TouchAsync(connection, transaction, userId, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes one rating, or all the user's ratings when <paramref name="movieId"/> is null; false when there was none.</summary>
    public async Task<bool> DeleteRatingAsync(long userId, long? movieId, CancellationToken cancellationToken)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await RecommenderDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var command = movieId is { } movie
            ? RecommenderDatabase.Command(connection, transaction, "DELETE FROM ratings WHERE user_id = @u AND movie_id = @m", ("@u", userId), ("@m", movie))
            : RecommenderDatabase.Command(connection, transaction, "DELETE FROM ratings WHERE user_id = @u", ("@u", userId));
        int deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            await TouchAsync(connection, transaction, userId, now, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted > 0;
    }

    /// <summary>The number of ratings written at or after <paramref name="sinceMilliseconds"/> (Unix milliseconds), which decides when to retrain.</summary>
    public async Task<long> RatingsSinceAsync(long sinceMilliseconds, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(connection, null, "SELECT COUNT(*) FROM ratings WHERE rated_at >= @t", ("@t", sinceMilliseconds / 1000));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the database answers (a query that reads nothing).</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(connection, null, "SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<UserRow?> UserAsync(DbConnection connection, DbTransaction? transaction, long userId, CancellationToken cancellationToken)
    {
        await using var command = RecommenderDatabase.Command(connection, transaction, $"SELECT {UserColumns} FROM users u WHERE u.user_id = @u", ("@u", userId));
        return await ReadUserAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The columns <see cref="ReadUserAsync"/> reads, of a table aliased <c>u</c>.</summary>
    internal const string UserColumns = "u.user_id, u.gender, u.age, u.occupation, u.changed_at";

    /// <summary>The one user a query selecting <see cref="UserColumns"/> finds, or null.</summary>
    internal static async Task<UserRow?> ReadUserAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new UserRow(
            reader.GetInt64(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetInt32(2),
            reader.IsDBNull(3) ? null : reader.GetInt32(3),
            reader.GetInt64(4));
    }

    internal static MovieRow Movie(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2).Split('|', StringSplitOptions.RemoveEmptyEntries), reader.GetInt32(3));

    /// <summary>Marks the user changed, so the next recommendation folds them in from their current ratings.</summary>
    private static async Task TouchAsync(DbConnection connection, DbTransaction transaction, long userId, long now, CancellationToken cancellationToken)
    {
        await using var user = RecommenderDatabase.Command(connection, transaction, "UPDATE users SET changed_at = @t WHERE user_id = @u", ("@t", now), ("@u", userId));
        await user.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string EscapeLike(string text) => text.Replace("%", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
}
