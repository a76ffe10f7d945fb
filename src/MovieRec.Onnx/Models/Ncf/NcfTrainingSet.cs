using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Splits;

namespace MovieRec.Onnx.Models.Ncf;

/// <summary>
/// The training rows of an NCF model: the positives (implicit; each user's latest
/// <see cref="NcfOptions.RepeatLatest"/> twice) or ratings scaled to [-1, 1] (rating task), with the
/// negatives redrawn in place before every epoch so one <see cref="TrainingData"/> serves the whole run.
/// </summary>
internal sealed class NcfTrainingSet
{
    private readonly int[] _positiveUsers;
    private readonly int[] _positiveMovies;
    private readonly int[] _offsets;
    private readonly int[] _rated;
    private readonly long[] _users;
    private readonly long[] _movies;
    private readonly float[] _labels;
    private readonly int _negatives;

    private NcfTrainingSet(RatingsTable train, NcfTask task, int negatives, int repeatLatest)
    {
        Task = task;
        int[] rows = RowsWithLatestRepeated(train, task == NcfTask.Implicit ? repeatLatest : 0);
        int count = rows.Length;
        var users = train.Users;
        var moviesColumn = train.Movies;
        var ratingsColumn = train.Ratings;
        _positiveUsers = new int[count];
        _positiveMovies = new int[count];
        var ratings = new float[count];
        for (int i = 0; i < count; i++)
        {
            _positiveUsers[i] = users[rows[i]];
            _positiveMovies[i] = moviesColumn[rows[i]];
            ratings[i] = ratingsColumn[rows[i]];
        }
        int userBound = 0, movieBound = 0;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int i = 0; i < count; i++)
        {
            int u = _positiveUsers[i], m = _positiveMovies[i];
            float r = ratings[i];
            userBound = Math.Max(userBound, u);
            movieBound = Math.Max(movieBound, m);
            min = Math.Min(min, r);
            max = Math.Max(max, r);
        }

        UserBound = userBound + 1;
        MovieBound = movieBound + 1;
        MinRating = min;
        MaxRating = max;
        _negatives = task == NcfTask.Implicit ? negatives : 0;

        // Each user's rated movies, sorted, for rejecting negatives that are in fact positives.
        _offsets = new int[UserBound + 1];
        foreach (int u in _positiveUsers)
        {
            _offsets[u + 1]++;
        }

        for (int u = 0; u < UserBound; u++)
        {
            _offsets[u + 1] += _offsets[u];
        }

        _rated = new int[count];
        var next = _offsets.AsSpan(0, UserBound).ToArray();
        for (int i = 0; i < count; i++)
        {
            _rated[next[_positiveUsers[i]]++] = _positiveMovies[i];
        }

        for (int u = 0; u < UserBound; u++)
        {
            Array.Sort(_rated, _offsets[u], _offsets[u + 1] - _offsets[u]);
        }

        int total = count * (1 + _negatives);
        _users = new long[total];
        _movies = new long[total];
        _labels = new float[total];
        for (int i = 0; i < count; i++)
        {
            int at = i * (1 + _negatives);
            for (int j = 0; j <= _negatives; j++)
            {
                _users[at + j] = _positiveUsers[i];
            }

            _movies[at] = _positiveMovies[i];
            _labels[at] = task == NcfTask.Implicit ? 1f : Scale(ratings[i]);
        }

        Data = TrainingData.Create(total)
            .Add(NcfGraph.UserInput, _users)
            .Add(NcfGraph.MovieInput, _movies)
            .Add(NcfGraph.LabelInput, _labels, 1);
    }

    public NcfTask Task { get; }

    public int UserBound { get; }

    public int MovieBound { get; }

    public float MinRating { get; }

    public float MaxRating { get; }

    public int RowCount => _users.Length;

    public TrainingData Data { get; }

    /// <summary>The user column (for tests).</summary>
    internal ReadOnlySpan<long> Users => _users;

    /// <summary>The movie column, negatives included (for tests).</summary>
    internal ReadOnlySpan<long> Movies => _movies;

    /// <summary>The label column (for tests).</summary>
    internal ReadOnlySpan<float> Labels => _labels;

    public static NcfTrainingSet Create(RatingsTable train, NcfTask task, int negatives, int repeatLatest = 0)
    {
        PredictorChecks.CheckTrainingRatings(train, nameof(train));

        return new NcfTrainingSet(train, task, negatives, repeatLatest);
    }

    /// <summary>All row numbers, then each user's <paramref name="latest"/> latest rows (by timestamp, ties: the later row) once more.</summary>
    private static int[] RowsWithLatestRepeated(RatingsTable train, int latest)
    {
        var rows = new List<int>(Enumerable.Range(0, train.Count));
        if (latest > 0)
        {
            foreach (int[] group in UserRows.GroupByTime(train))
            {
                rows.AddRange(group.AsSpan(Math.Max(0, group.Length - latest)));
            }
        }

        return [.. rows];
    }

    /// <summary>Maps a rating linearly from [min, max] to [-1, 1].</summary>
    public float Scale(float rating) => MaxRating > MinRating ? (2f * (rating - MinRating) / (MaxRating - MinRating)) - 1f : 0f;

    /// <summary>
    /// Draws the negatives of one epoch: for every positive, <c>negatives</c> movies drawn uniformly
    /// from the training movies the user never rated (rejection sampling; seeded by seed and epoch).
    /// </summary>
    public void SampleNegatives(int seed, int epoch)
    {
        if (_negatives == 0)
        {
            return;
        }

        var rng = new SplitMix64(SplitMix64.Mix((ulong)(uint)seed, 0x9E3779B97F4A7C15UL ^ (ulong)epoch));
        ulong movieCount = (ulong)(MovieBound - 1);
        int stride = 1 + _negatives;
        for (int i = 0; i < _positiveUsers.Length; i++)
        {
            int u = _positiveUsers[i];
            var rated = _rated.AsSpan(_offsets[u], _offsets[u + 1] - _offsets[u]);
            bool anyUnrated = rated.Length < MovieBound - 1;
            int at = (i * stride) + 1;
            for (int j = 0; j < _negatives; j++)
            {
                int m;
                int tries = 0;
                do
                {
                    m = 1 + (int)(rng.NextUInt64() % movieCount);
                }
                while (anyUnrated && rated.BinarySearch(m) >= 0 && ++tries < 1000);

                _movies[at + j] = m;
            }
        }
    }

    /// <summary>Fills <paramref name="order"/> with a seeded permutation of the rows.</summary>
    public static void Shuffle(int[] order, int seed, int epoch)
    {
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var rng = new SplitMix64(SplitMix64.Mix((ulong)(uint)seed, (ulong)epoch + 1));
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(rng.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
