using MovieRec.Data;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Models;

/// <summary>
/// A validation leave-one-out carved from the training ratings, for choosing the number of epochs:
/// each user's latest training interaction is held out and ranked among sampled movies the user never
/// rated, the NCF paper's protocol applied inside the training data (the test items are never seen).
/// </summary>
internal sealed class NcfValidation
{
    /// <summary>Rank cut-off of the hit ratio and NDCG used for the choice: 10.</summary>
    public const int CutOff = 10;

    private readonly int _cases;
    private readonly int _candidates;

    private readonly long[] _users;
    private readonly long[] _movies;

    private NcfValidation(RatingsTable fitPart, long[] users, long[] movies, int cases, int candidates)
    {
        FitPart = fitPart;
        _users = users;
        _movies = movies;
        Data = TrainingData.Create(users.Length)
            .Add(NcfGraph.UserInput, users)
            .Add(NcfGraph.MovieInput, movies)
            .Add(NcfGraph.LabelInput, new float[users.Length], 1);
        _cases = cases;
        _candidates = candidates;
    }

    /// <summary>Gets the training ratings without the held-out ones.</summary>
    public RatingsTable FitPart { get; }

    /// <summary>Gets the scored rows: per case the held-out movie first, then the sampled negatives.</summary>
    public TrainingData Data { get; }

    /// <summary>Gets the user of every scored row.</summary>
    public ReadOnlySpan<long> Users => _users;

    /// <summary>Gets the movie of every scored row (per case the held-out movie first).</summary>
    public ReadOnlySpan<long> Movies => _movies;

    /// <summary>Gets the number of held-out interactions (users with 2 or more training ratings whose movie stays known).</summary>
    public int CaseCount => _cases;

    /// <summary>
    /// Holds out each user's latest rating (the last row among equal timestamps) when the user has at
    /// least two and the movie still appears in the remaining rows, and draws <paramref name="negatives"/>
    /// movies of the remaining rows that the user never rated (in the whole table).
    /// </summary>
    /// <returns>The split, or null when no user qualifies.</returns>
    public static NcfValidation? Create(RatingsTable train, int negatives, int seed)
    {
        var users = train.Users;
        var movies = train.Movies;
        var times = train.Timestamps;
        int userBound = train.UserIndexBound;
        var latest = new int[userBound];
        var counts = new int[userBound];
        Array.Fill(latest, -1);
        for (int i = 0; i < train.Count; i++)
        {
            int u = users[i];
            counts[u]++;
            if (latest[u] < 0 || times[i] >= times[latest[u]])
            {
                latest[u] = i;
            }
        }

        var held = new bool[train.Count];
        for (int u = 0; u < userBound; u++)
        {
            if (counts[u] >= 2)
            {
                held[latest[u]] = true;
            }
        }

        // A held-out movie that appears nowhere else would have an untrained embedding: keep it in training.
        var movieRows = new int[train.MovieIndexBound];
        for (int i = 0; i < train.Count; i++)
        {
            movieRows[movies[i]]++;
        }

        for (int i = 0; i < train.Count; i++)
        {
            if (held[i] && movieRows[movies[i]] < 2)
            {
                held[i] = false;
            }
        }

        var keep = new List<int>(train.Count);
        var cases = new List<int>();
        for (int i = 0; i < train.Count; i++)
        {
            (held[i] ? cases : keep).Add(i);
        }

        if (cases.Count == 0 || keep.Count == 0)
        {
            return null;
        }

        var fitPart = train.Subset(keep.ToArray());
        var known = new HashSet<int>();
        foreach (int m in fitPart.Movies)
        {
            known.Add(m);
        }

        int[] pool = [.. known.Order()];
        var rated = new Dictionary<int, HashSet<int>>();
        for (int i = 0; i < train.Count; i++)
        {
            if (!rated.TryGetValue(users[i], out var set))
            {
                rated[users[i]] = set = [];
            }

            set.Add(movies[i]);
        }

        int candidates = 1 + negatives;
        var rowUsers = new long[cases.Count * candidates];
        var rowMovies = new long[cases.Count * candidates];
        var rng = new SplitMix64(SplitMix64.Mix((ulong)(uint)seed, 0x5EEDUL));
        for (int c = 0; c < cases.Count; c++)
        {
            int row = cases[c], u = users[row];
            var seen = rated[u];
            bool anyUnrated = pool.Any(m => !seen.Contains(m));
            int at = c * candidates;
            rowMovies[at] = movies[row];
            for (int j = 0; j < candidates; j++)
            {
                rowUsers[at + j] = u;
            }

            for (int j = 1; j < candidates; j++)
            {
                int m, tries = 0;
                do
                {
                    m = pool[(int)(rng.NextUInt64() % (ulong)pool.Length)];
                }
                while (anyUnrated && seen.Contains(m) && ++tries < 1000);

                rowMovies[at + j] = m;
            }
        }

        return new NcfValidation(fitPart, rowUsers, rowMovies, cases.Count, candidates);
    }

    /// <summary>Scores the validation rows with the trainer's current weights.</summary>
    /// <returns>Mean NDCG@10 and HR@10 of the held-out movies (a tie counts against the held-out movie).</returns>
    public (double Ndcg, double HitRatio) Score(Trainer trainer) => Score(trainer.Predict(Data, NcfGraph.ScoreOutput));

    /// <summary>Ranks each held-out movie by the given scores of the rows of <see cref="Users"/> and <see cref="Movies"/>.</summary>
    /// <param name="scores">One score per row.</param>
    /// <returns>Mean NDCG@10 and HR@10 of the held-out movies (a tie counts against the held-out movie).</returns>
    public (double Ndcg, double HitRatio) Score(ReadOnlySpan<double> scores)
    {
        if (scores.Length != _users.Length)
        {
            throw new ArgumentException($"scores has {scores.Length} values; expected one per validation row ({_users.Length}).", nameof(scores));
        }

        double ndcg = 0, hits = 0;
        for (int c = 0; c < _cases; c++)
        {
            int at = c * _candidates;
            double target = scores[at];
            int rank = 0;
            for (int j = 1; j < _candidates; j++)
            {
                if (scores[at + j] >= target)
                {
                    rank++;
                }
            }

            if (rank < CutOff)
            {
                hits++;
                ndcg += 1 / Math.Log2(rank + 2);
            }
        }

        return (ndcg / _cases, hits / _cases);
    }
}
