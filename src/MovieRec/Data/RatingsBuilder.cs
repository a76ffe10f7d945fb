using System.Globalization;

namespace MovieRec.Data;

/// <summary>
/// Accumulates parsed ratings into columns: maps raw ids to dense indices, checks the rating scale and
/// rejects duplicate (user, movie) pairs, then hands the columns to a <see cref="RatingsTable"/>.
/// </summary>
/// <remarks>
/// Duplicates are caught while reading when each user's ratings are contiguous (one "run" per user,
/// a per-movie stamp of the last run that rated it); when a user reappears later, a linear pass
/// grouped by user checks the whole table at the end.
/// </remarks>
internal sealed class RatingsBuilder
{
    private const int DirectCacheLimit = 1 << 25;
    private readonly IdMap _userIds;
    private readonly IdMap _movieIds;
    private readonly bool _addUsers;
    private readonly bool _addMovies;
    private readonly float _min;
    private readonly float _max;
    private readonly float _step;
    private readonly float _stepsPerUnit;
    private readonly List<(string Path, int FirstRow, List<long> NonRowLines)> _files = [];
    private int[] _userCache = new int[1024];
    private int[] _movieCache = new int[1024];
    private int[] _users;
    private int[] _movies;
    private float[] _ratings;
    private long[]? _timestamps;
    private int _count;
    private int[] _movieStamp = new int[1024];
    private int[] _userLastRun = new int[1024];
    private int _run;
    private int _lastUser = -1;
    private bool _contiguous = true;

    /// <summary>The latest Unix time a <see cref="DateTime"/> can hold (9999-12-31 23:59:59 UTC).</summary>
    internal const long MaxTimestamp = 253_402_300_799;

    /// <param name="userIds">Raw user ids to dense indices.</param>
    /// <param name="movieIds">Raw movie ids to dense indices.</param>
    /// <param name="addUsers">Whether unknown users are added (else they are an error).</param>
    /// <param name="addMovies">Whether unknown movies are added (else they are an error).</param>
    /// <param name="min">The lowest rating of the format's scale.</param>
    /// <param name="max">The highest rating.</param>
    /// <param name="step">The spacing of the scale from <paramref name="min"/> (1 for whole stars, 0.5 for half stars).</param>
    /// <param name="timestamps">Whether timestamps are kept.</param>
    /// <param name="capacity">Expected number of rows.</param>
    public RatingsBuilder(IdMap userIds, IdMap movieIds, bool addUsers, bool addMovies, float min, float max, float step, bool timestamps, long capacity)
    {
        _step = step;
        _stepsPerUnit = 1f / step;
        _userIds = userIds;
        _movieIds = movieIds;
        _addUsers = addUsers;
        _addMovies = addMovies;
        _min = min;
        _max = max;
        int cap = (int)Math.Clamp(capacity, 16, Array.MaxLength);
        _users = new int[cap];
        _movies = new int[cap];
        _ratings = new float[cap];
        _timestamps = timestamps ? new long[cap] : null;
    }

    public int Count => _count;

    /// <summary>Whether a raw movie id is known (for formats that name the movie once per block).</summary>
    public bool MovieKnown(long rawMovie) => Resolve(rawMovie, _movieIds, ref _movieCache) != 0;

    /// <summary>Notes a line that yields no row (header, bad line), to map rows back to line numbers.</summary>
    public void SkipLine(long lineNumber) => _files[^1].NonRowLines.Add(lineNumber);

    /// <summary>Starts a new input file; rows added from now on come from <paramref name="path"/>.</summary>
    public void BeginFile(string path) => _files.Add((path, _count, []));

    /// <summary>Adds a rating; returns <see langword="null"/>, or why the row is rejected.</summary>
    public string? Add(long rawUser, long rawMovie, float rating, long timestamp)
    {
        if (!(rating >= _min && rating <= _max))
        {
            return string.Create(CultureInfo.InvariantCulture, $"rating {rating} is outside the scale {_min}..{_max}");
        }

        float steps = (rating - _min) * _stepsPerUnit;
        if (MathF.Abs(steps - MathF.Round(steps)) > 1e-4f)
        {
            return string.Create(CultureInfo.InvariantCulture, $"rating {rating} is not on the scale {_min}, {_min + _step}, ..., {_max} (steps of {_step})");
        }

        if ((ulong)timestamp > MaxTimestamp)
        {
            return string.Create(CultureInfo.InvariantCulture, $"timestamp {timestamp} is not a date: Unix seconds from 0 to {MaxTimestamp} (year 9999) are accepted");
        }

        int u = Resolve(rawUser, _userIds, ref _userCache);
        int m = Resolve(rawMovie, _movieIds, ref _movieCache);
        if (u == 0 && !_addUsers)
        {
            return string.Create(CultureInfo.InvariantCulture, $"user id {rawUser} is not a known user of this dataset");
        }

        if (m == 0 && !_addMovies)
        {
            return string.Create(CultureInfo.InvariantCulture, $"movie id {rawMovie} is not a known movie of this dataset");
        }

        bool knownPair = u != 0 && m != 0;
        if (u == 0)
        {
            u = Add(rawUser, _userIds, ref _userCache);
        }

        if (m == 0)
        {
            m = Add(rawMovie, _movieIds, ref _movieCache);
        }

        if (u != _lastUser)
        {
            _run++;
            _lastUser = u;
            EnsureLength(ref _userLastRun, u);
            if (_userLastRun[u] != 0)
            {
                _contiguous = false;
            }

            _userLastRun[u] = _run;
        }

        EnsureLength(ref _movieStamp, m);
        if (knownPair && _movieStamp[m] == _run)
        {
            return string.Create(CultureInfo.InvariantCulture, $"duplicate rating of movie {rawMovie} by user {rawUser}");
        }

        _movieStamp[m] = _run;
        if (_count == _users.Length)
        {
            Grow();
        }

        _users[_count] = u;
        _movies[_count] = m;
        _ratings[_count] = rating;
        if (_timestamps is not null)
        {
            _timestamps[_count] = timestamp;
        }

        _count++;
        return null;
    }

    /// <summary>Runs the end-of-file duplicate check when needed and builds the table.</summary>
    public RatingsTable Build(LoadContext context)
    {
        if (!_contiguous)
        {
            RemoveScatteredDuplicates(context);
        }

        if (_count != _users.Length)
        {
            Array.Resize(ref _users, _count);
            Array.Resize(ref _movies, _count);
            Array.Resize(ref _ratings, _count);
            if (_timestamps is not null)
            {
                Array.Resize(ref _timestamps, _count);
            }
        }

        return _timestamps is null
            ? RatingsTable.CreateWithoutTimestamps(_users, _movies, _ratings)
            : RatingsTable.Create(_users, _movies, _ratings, _timestamps);
    }

    private static int Resolve(long raw, IdMap map, ref int[] cache)
    {
        if ((ulong)raw < (ulong)cache.Length)
        {
            int cached = cache[raw];
            if (cached != 0)
            {
                return cached;
            }
        }

        int index = map.IndexOf(raw);
        if (index != 0)
        {
            Remember(raw, index, ref cache);
        }

        return index;
    }

    private static int Add(long raw, IdMap map, ref int[] cache)
    {
        int index = map.GetOrAdd(raw);
        Remember(raw, index, ref cache);
        return index;
    }

    private static void Remember(long raw, int index, ref int[] cache)
    {
        if (raw < 0 || raw >= DirectCacheLimit)
        {
            return;
        }

        if (raw >= cache.Length)
        {
            Array.Resize(ref cache, (int)Math.Min(DirectCacheLimit, Math.Max(raw + 1, cache.Length * 2L)));
        }

        cache[raw] = index;
    }

    private static void EnsureLength(ref int[] array, int index)
    {
        if (index >= array.Length)
        {
            Array.Resize(ref array, Math.Max(index + 1, array.Length * 2));
        }
    }

    private void Grow()
    {
        int size = (int)Math.Min(Array.MaxLength, Math.Max(16L, _users.Length * 2L));
        Array.Resize(ref _users, size);
        Array.Resize(ref _movies, size);
        Array.Resize(ref _ratings, size);
        if (_timestamps is not null)
        {
            Array.Resize(ref _timestamps, size);
        }
    }

    private void RemoveScatteredDuplicates(LoadContext context)
    {
        // Counting sort of row numbers by user keeps each user's rows in file order.
        int userBound = _userIds.IndexCount;
        var start = new int[userBound + 1];
        for (int i = 0; i < _count; i++)
        {
            start[_users[i] + 1]++;
        }

        for (int u = 0; u < userBound; u++)
        {
            start[u + 1] += start[u];
        }

        var order = new int[_count];
        var next = (int[])start.Clone();
        for (int i = 0; i < _count; i++)
        {
            order[next[_users[i]]++] = i;
        }

        var firstRowOfMovie = new int[_movieIds.IndexCount];
        var stamp = new int[_movieIds.IndexCount];
        List<int>? drop = null;
        for (int u = 1; u < userBound; u++)
        {
            for (int k = start[u]; k < start[u + 1]; k++)
            {
                int row = order[k];
                int m = _movies[row];
                if (stamp[m] == u)
                {
                    string text = string.Create(CultureInfo.InvariantCulture, $"user {_userIds.RawIdOf(u)}, movie {_movieIds.RawIdOf(m)}");
                    var (firstPath, firstLine) = LineOfRow(firstRowOfMovie[m]);
                    var (path, line) = LineOfRow(row);
                    string reason = string.Create(CultureInfo.InvariantCulture, $"duplicate rating (first given on line {firstLine} of {Path.GetFileName(firstPath)})");
                    context.BadLine(path, line, text, reason);
                    (drop ??= []).Add(row);
                    continue;
                }

                stamp[m] = u;
                firstRowOfMovie[m] = row;
            }
        }

        if (drop is null)
        {
            return;
        }

        drop.Sort();
        int write = 0;
        int d = 0;
        for (int read = 0; read < _count; read++)
        {
            if (d < drop.Count && drop[d] == read)
            {
                d++;
                continue;
            }

            _users[write] = _users[read];
            _movies[write] = _movies[read];
            _ratings[write] = _ratings[read];
            if (_timestamps is not null)
            {
                _timestamps[write] = _timestamps[read];
            }

            write++;
        }

        _count = write;
    }

    private (string Path, long Line) LineOfRow(int row)
    {
        int f = _files.Count - 1;
        while (f > 0 && _files[f].FirstRow > row)
        {
            f--;
        }

        var file = _files[f];
        long line = row - file.FirstRow + 1L;
        foreach (long skipped in file.NonRowLines)
        {
            if (skipped > line)
            {
                break;
            }

            line++;
        }

        return (file.Path, line);
    }
}
