using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.Baselines;

/// <summary>
/// Validated training ratings with compressed-row views by user and by movie (indices sorted
/// within each row), the global mean and the rating range.
/// </summary>
internal sealed class RatingMatrix
{
    private RatingMatrix(RatingsTable table)
    {
        Table = table;
    }

    public RatingsTable Table { get; }

    public int Count => Table.Count;

    public int UserBound { get; private set; }

    public int MovieBound { get; private set; }

    public float Mean { get; private set; }

    public float MinRating { get; private set; }

    public float MaxRating { get; private set; }

    /// <summary>Row offsets by user (length UserBound + 1).</summary>
    public int[] UserOffsets { get; private set; } = [];

    /// <summary>Movies of each user's row, ascending.</summary>
    public int[] UserMovies { get; private set; } = [];

    public float[] UserRatings { get; private set; } = [];

    public int[] MovieOffsets { get; private set; } = [];

    /// <summary>Users of each movie's row, ascending.</summary>
    public int[] MovieUsers { get; private set; } = [];

    public float[] MovieRatings { get; private set; } = [];

    /// <summary>Validates <paramref name="train"/> and builds the views.</summary>
    /// <param name="train">The table.</param>
    /// <param name="parameterName">Name reported in exceptions.</param>
    /// <param name="requireNonNegative">Whether ratings must be 0 or more (implicit feedback).</param>
    public static RatingMatrix Create(RatingsTable train, string parameterName, bool requireNonNegative = false)
    {
        PredictorChecks.CheckTrainingRatings(train, parameterName, requireNonNegative);
        var users = train.Users;
        var movies = train.Movies;
        var ratings = train.Ratings;
        int userBound = 0, movieBound = 0;
        double sum = 0;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int i = 0; i < train.Count; i++)
        {
            int u = users[i], m = movies[i];
            float r = ratings[i];
            userBound = Math.Max(userBound, u);
            movieBound = Math.Max(movieBound, m);
            sum += r;
            min = Math.Min(min, r);
            max = Math.Max(max, r);
        }

        var data = new RatingMatrix(train)
        {
            UserBound = userBound + 1,
            MovieBound = movieBound + 1,
            Mean = (float)(sum / train.Count),
            MinRating = min,
            MaxRating = max,
        };
        (data.UserOffsets, data.UserMovies, data.UserRatings) = BuildRows(users, movies, ratings, data.UserBound);
        (data.MovieOffsets, data.MovieUsers, data.MovieRatings) = BuildRows(movies, users, ratings, data.MovieBound);
        return data;
    }

    public ReadOnlySpan<int> MoviesOf(int user) => UserMovies.AsSpan(UserOffsets[user], UserOffsets[user + 1] - UserOffsets[user]);

    public ReadOnlySpan<float> RatingsOfUser(int user) => UserRatings.AsSpan(UserOffsets[user], UserOffsets[user + 1] - UserOffsets[user]);

    public ReadOnlySpan<int> UsersOf(int movie) => MovieUsers.AsSpan(MovieOffsets[movie], MovieOffsets[movie + 1] - MovieOffsets[movie]);

    public ReadOnlySpan<float> RatingsOfMovie(int movie) => MovieRatings.AsSpan(MovieOffsets[movie], MovieOffsets[movie + 1] - MovieOffsets[movie]);

    private static (int[] Offsets, int[] Columns, float[] Values) BuildRows(ReadOnlySpan<int> rows, ReadOnlySpan<int> columns, ReadOnlySpan<float> values, int rowBound)
    {
        var offsets = new int[rowBound + 1];
        foreach (int r in rows)
        {
            offsets[r + 1]++;
        }

        for (int r = 0; r < rowBound; r++)
        {
            offsets[r + 1] += offsets[r];
        }

        var cols = new int[rows.Length];
        var vals = new float[rows.Length];
        var next = offsets.AsSpan(0, rowBound).ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            int at = next[rows[i]]++;
            cols[at] = columns[i];
            vals[at] = values[i];
        }

        for (int r = 0; r < rowBound; r++)
        {
            Array.Sort(cols, vals, offsets[r], offsets[r + 1] - offsets[r]);
        }

        return (offsets, cols, vals);
    }
}
