namespace MovieRec.Data;

/// <summary>
/// Ratings in columnar form: for row <c>i</c>, user index <c>Users[i]</c> rated movie index
/// <c>Movies[i]</c> with <c>Ratings[i]</c> at Unix time <c>Timestamps[i]</c> (seconds).
/// </summary>
/// <remarks>
/// User and movie indices are dense indices from an <see cref="IdMap"/> (1-based; 0 means unknown).
/// The table is immutable once built; subsets copy the selected rows.
/// </remarks>
public sealed class RatingsTable
{
    private readonly int[] _users;
    private readonly int[] _movies;
    private readonly float[] _ratings;
    private readonly bool _hasTimestamps;
    private long[]? _timestamps;

    private RatingsTable(int[] users, int[] movies, float[] ratings, long[]? timestamps)
    {
        _users = users;
        _movies = movies;
        _ratings = ratings;
        _timestamps = timestamps;
        _hasTimestamps = timestamps is not null;
    }

    /// <summary>An empty table.</summary>
    public static RatingsTable Empty { get; } = new([], [], [], []);

    /// <summary>Keeps only the rows for which <paramref name="keep"/> is true, in order.</summary>
    /// <param name="keep">Predicate on the row number.</param>
    public RatingsTable Where(Func<int, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var rows = new List<int>(Count);
        for (int i = 0; i < Count; i++)
        {
            if (keep(i))
            {
                rows.Add(i);
            }
        }

        return Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
    }

    /// <summary>
    /// Builds a table over the given columns, which the table takes ownership of (no copy).
    /// </summary>
    /// <param name="users">Dense user index per rating (1 or more).</param>
    /// <param name="movies">Dense movie index per rating (1 or more).</param>
    /// <param name="ratings">Rating values; must be finite.</param>
    /// <param name="timestamps">Unix seconds per rating, or <see langword="null"/> for all zero.</param>
    /// <exception cref="ArgumentException">Columns differ in length, or a value is invalid.</exception>
    public static RatingsTable Create(int[] users, int[] movies, float[] ratings, long[]? timestamps = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(ratings);
        timestamps ??= new long[users.Length];
        if (movies.Length != users.Length || ratings.Length != users.Length || timestamps.Length != users.Length)
        {
            throw new ArgumentException(
                $"Columns must have equal lengths; got users {users.Length}, movies {movies.Length}, ratings {ratings.Length}, timestamps {timestamps.Length}.");
        }

        Validate(users, movies, ratings);
        return new RatingsTable(users, movies, ratings, timestamps);
    }

    private static void Validate(int[] users, int[] movies, float[] ratings)
    {
        for (int i = 0; i < users.Length; i++)
        {
            if (users[i] < 0)
            {
                throw new ArgumentException($"Row {i}: user index {users[i]} is negative.", nameof(users));
            }

            if (movies[i] < 0)
            {
                throw new ArgumentException($"Row {i}: movie index {movies[i]} is negative.", nameof(movies));
            }

            if (!float.IsFinite(ratings[i]))
            {
                throw new ArgumentException($"Row {i}: rating {ratings[i]} is not a finite number.", nameof(ratings));
            }
        }
    }

    /// <summary>
    /// Builds a table without timestamps over the given columns (taken over, not copied): 12 bytes per
    /// rating instead of 20. <see cref="Timestamps"/> then reads as all zero.
    /// </summary>
    /// <param name="users">Dense user index per rating (1 or more).</param>
    /// <param name="movies">Dense movie index per rating (1 or more).</param>
    /// <param name="ratings">Rating values; must be finite.</param>
    /// <exception cref="ArgumentException">Columns differ in length, or a value is invalid.</exception>
    public static RatingsTable CreateWithoutTimestamps(int[] users, int[] movies, float[] ratings)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(ratings);
        if (movies.Length != users.Length || ratings.Length != users.Length)
        {
            throw new ArgumentException(
                $"Columns must have equal lengths; got users {users.Length}, movies {movies.Length}, ratings {ratings.Length}.");
        }

        Validate(users, movies, ratings);
        return new RatingsTable(users, movies, ratings, null);
    }

    /// <summary>Whether the table holds real timestamps (see <see cref="CreateWithoutTimestamps"/>).</summary>
    public bool HasTimestamps => _hasTimestamps;

    /// <summary>Managed memory held by the columns, in bytes (4 + 4 + 4, plus 8 with timestamps, per rating).</summary>
    public long ColumnBytes => (12L * _users.Length) + (_timestamps is null ? 0 : 8L * _timestamps.Length);

    /// <summary>Number of ratings.</summary>
    public int Count => _users.Length;

    /// <summary>Dense user index per rating.</summary>
    public ReadOnlySpan<int> Users => _users;

    /// <summary>Dense movie index per rating.</summary>
    public ReadOnlySpan<int> Movies => _movies;

    /// <summary>Rating value per rating.</summary>
    public ReadOnlySpan<float> Ratings => _ratings;

    /// <summary>Unix time in seconds per rating.</summary>
    /// <remarks>A table built without timestamps allocates a zero column on first access.</remarks>
    public ReadOnlySpan<long> Timestamps => _timestamps ?? ZeroTimestamps();

    /// <summary>Largest user index present, plus one (0 for an empty table).</summary>
    public int UserIndexBound
    {
        get
        {
            int max = -1;
            foreach (int u in _users)
            {
                max = Math.Max(max, u);
            }

            return max + 1;
        }
    }

    /// <summary>Largest movie index present, plus one (0 for an empty table).</summary>
    public int MovieIndexBound
    {
        get
        {
            int max = -1;
            foreach (int m in _movies)
            {
                max = Math.Max(max, m);
            }

            return max + 1;
        }
    }

    /// <summary>Copies the rows named by <paramref name="rows"/>, in that order, into a new table.</summary>
    /// <param name="rows">Row numbers in 0..<see cref="Count"/>-1; may repeat.</param>
    public RatingsTable Subset(ReadOnlySpan<int> rows)
    {
        var users = new int[rows.Length];
        var movies = new int[rows.Length];
        var ratings = new float[rows.Length];
        var timestamps = !_hasTimestamps ? null : new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            if ((uint)r >= (uint)_users.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), r, $"Row numbers must be in 0..{_users.Length - 1}.");
            }

            users[i] = _users[r];
            movies[i] = _movies[r];
            ratings[i] = _ratings[r];
            if (timestamps is not null)
            {
                timestamps[i] = _timestamps![r];
            }
        }

        return new RatingsTable(users, movies, ratings, timestamps);
    }

    private long[] ZeroTimestamps()
    {
        Interlocked.CompareExchange(ref _timestamps, new long[_users.Length], null);
        return _timestamps;
    }
}
