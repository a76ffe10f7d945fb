using System.Globalization;
using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>
/// Leave-one-out split of the NCF protocol: each user's latest rating is held out as the test
/// positive, and <see cref="NumberOfNegatives"/> movies the user never rated are sampled to rank it against.
/// </summary>
/// <remarks>
/// "Latest" is the largest timestamp, ties broken by the later row. Users with a single rating keep
/// it in training and get no test case, so every test user also appears in <see cref="Train"/>.
/// Negatives are drawn uniformly without replacement from the movies that have at least one rating
/// in the table and that the user never rated (in training or test), by a seeded <see cref="Random"/>.
/// Evaluation ranks the positive among the 1 + N candidates (hit ratio and NDCG at K), as in
/// He et al., "Neural Collaborative Filtering", WWW 2017.
/// </remarks>
public sealed class LeaveOneOutSplit
{
    private readonly int[] _testUsers;
    private readonly int[] _testMovies;
    private readonly int[,] _negatives;

    private LeaveOneOutSplit(RatingsTable train, RatingsTable test, int[] testUsers, int[] testMovies, int[,] negatives)
    {
        Train = train;
        Test = test;
        _testUsers = testUsers;
        _testMovies = testMovies;
        _negatives = negatives;
    }

    /// <summary>All ratings except the held-out ones.</summary>
    public RatingsTable Train { get; }

    /// <summary>The held-out ratings (one per test user, in the order of <see cref="TestUsers"/>).</summary>
    public RatingsTable Test { get; }

    /// <summary>Dense index of each test user, ascending.</summary>
    public ReadOnlySpan<int> TestUsers => _testUsers;

    /// <summary>The held-out (positive) movie of each test user.</summary>
    public ReadOnlySpan<int> TestMovies => _testMovies;

    /// <summary>Sampled negatives: row i holds the negatives of test case i; shape [test users, <see cref="NumberOfNegatives"/>].</summary>
    public int[,] Negatives => _negatives;

    /// <summary>Number of negatives per test user.</summary>
    public int NumberOfNegatives => _negatives.GetLength(1);

    /// <summary>Builds the split.</summary>
    /// <param name="ratings">All ratings.</param>
    /// <param name="numberOfNegatives">Negatives per test user, 0 or more. Default 99.</param>
    /// <param name="seed">Random seed for the negatives.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfNegatives"/> is negative.</exception>
    /// <exception cref="ArgumentException">A test user has rated so many movies that fewer than <paramref name="numberOfNegatives"/> remain.</exception>
    public static LeaveOneOutSplit Create(RatingsTable ratings, int numberOfNegatives = SplitDefaults.NumberOfNegatives, int seed = SplitDefaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfNegative(numberOfNegatives);
        return Build(ratings, numberOfNegatives, seed, forValidation: false);
    }

    /// <summary>
    /// Builds the same split inside training data, for choosing settings (epochs, a blend weight) on
    /// validation data: a user's latest rating is held out only when its movie keeps at least one
    /// rating in <see cref="Train"/>, negatives are drawn from the movies of <see cref="Train"/>, a user who
    /// rated every one of them keeps all their ratings, and when another user has fewer unrated movies than
    /// <paramref name="numberOfNegatives"/> (a small catalogue) every case gets that many negatives.
    /// </summary>
    /// <param name="ratings">Training ratings.</param>
    /// <param name="numberOfNegatives">Negatives per held-out rating, 0 or more.</param>
    /// <param name="seed">Random seed for the negatives.</param>
    /// <returns>The split, or null when no user qualifies.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfNegatives"/> is negative.</exception>
    public static LeaveOneOutSplit? CreateValidation(RatingsTable ratings, int numberOfNegatives = SplitDefaults.NumberOfNegatives, int seed = SplitDefaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfNegative(numberOfNegatives);
        var split = Build(ratings, numberOfNegatives, seed, forValidation: true);
        return split._testUsers.Length == 0 || split.Train.Count == 0 ? null : split;
    }

    private static LeaveOneOutSplit Build(RatingsTable ratings, int numberOfNegatives, int seed, bool forValidation)
    {
        var timestamps = ratings.Timestamps;
        var movies = ratings.Movies;
        int movieBound = ratings.MovieIndexBound;
        var groups = UserRows.Group(ratings);
        var isTest = new bool[ratings.Count];
        var testRows = new List<int>();
        var ratingsLeft = new int[movieBound];
        foreach (int m in movies)
        {
            ratingsLeft[m]++;
        }

        // Negatives come from the movies with a rating in the table (in training data: those that keep one).
        var hasRating = forValidation ? null : ratingsLeft.Select(c => c > 0).ToArray();

        foreach (var rows in groups)
        {
            if (rows.Length < 2)
            {
                continue;
            }

            int latest = UserRows.Latest(rows, timestamps);

            // Inside training data a held-out movie that appears nowhere else would have nothing to learn it from.
            if (forValidation && ratingsLeft[movies[latest]] < 2)
            {
                continue;
            }

            ratingsLeft[movies[latest]]--;
            isTest[latest] = true;
            testRows.Add(latest);
        }

        var candidates = new List<int>();
        for (int m = 1; m < movieBound; m++)
        {
            if (hasRating?[m] ?? ratingsLeft[m] > 0)
            {
                candidates.Add(m);
            }
        }

        testRows.Sort((a, b) => ratings.Users[a].CompareTo(ratings.Users[b]));
        var rowsOfUser = groups.Where(g => g.Length > 0).ToDictionary(g => ratings.Users[g[0]]);
        var stamp = new int[movieBound];
        var unrated = new int[testRows.Count];
        for (int t = 0; t < testRows.Count; t++)
        {
            int distinctRated = 0;
            foreach (int r in rowsOfUser[ratings.Users[testRows[t]]])
            {
                if (stamp[movies[r]] != t + 1)
                {
                    stamp[movies[r]] = t + 1;
                    distinctRated++;
                }
            }

            unrated[t] = candidates.Count - distinctRated;
            if (unrated[t] < numberOfNegatives && !forValidation)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"User index {ratings.Users[testRows[t]]} rated {distinctRated} of {candidates.Count} movies; fewer than {numberOfNegatives} unrated movies remain to sample negatives from."),
                    nameof(numberOfNegatives));
            }
        }

        if (forValidation)
        {
            // A small catalogue: every case gets as many negatives as the user with the fewest unrated movies has.
            numberOfNegatives = Math.Min(numberOfNegatives, unrated.Where(n => n > 0).DefaultIfEmpty(0).Min());
        }

        Array.Clear(stamp);
        var random = new Random(seed);
        var kept = new List<(int Row, int[] Negatives)>(testRows.Count);
        for (int t = 0; t < testRows.Count; t++)
        {
            if (forValidation && unrated[t] == 0)
            {
                isTest[testRows[t]] = false;
                continue;
            }

            int marker = t + 1;
            foreach (int r in rowsOfUser[ratings.Users[testRows[t]]])
            {
                stamp[movies[r]] = marker;
            }

            var drawn = new int[numberOfNegatives];
            for (int k = 0; k < numberOfNegatives; k++)
            {
                int m;
                do
                {
                    m = candidates[random.Next(candidates.Count)];
                }
                while (stamp[m] == marker);
                stamp[m] = marker;
                drawn[k] = m;
            }

            kept.Add((testRows[t], drawn));
        }

        var testUsers = new int[kept.Count];
        var testMovies = new int[kept.Count];
        var negatives = new int[kept.Count, numberOfNegatives];
        for (int t = 0; t < kept.Count; t++)
        {
            testUsers[t] = ratings.Users[kept[t].Row];
            testMovies[t] = movies[kept[t].Row];
            for (int k = 0; k < numberOfNegatives; k++)
            {
                negatives[t, k] = kept[t].Negatives[k];
            }
        }

        var trainRows = new List<int>(ratings.Count - kept.Count);
        for (int i = 0; i < ratings.Count; i++)
        {
            if (!isTest[i])
            {
                trainRows.Add(i);
            }
        }

        return new LeaveOneOutSplit(ratings.Subset([.. trainRows]), ratings.Subset([.. kept.Select(k => k.Row)]), testUsers, testMovies, negatives);
    }
}
