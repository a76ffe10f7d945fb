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
        var timestamps = ratings.Timestamps;
        var movies = ratings.Movies;
        int movieBound = ratings.MovieIndexBound;
        var candidates = new List<int>();
        var hasRating = new bool[movieBound];
        foreach (int m in movies)
        {
            hasRating[m] = true;
        }

        for (int m = 1; m < movieBound; m++)
        {
            if (hasRating[m])
            {
                candidates.Add(m);
            }
        }

        var groups = UserRows.Group(ratings);
        var isTest = new bool[ratings.Count];
        var testRows = new List<int>();
        foreach (var rows in groups)
        {
            if (rows.Length < 2)
            {
                continue;
            }

            int latest = rows[0];
            foreach (int r in rows)
            {
                if (timestamps[r] >= timestamps[latest])
                {
                    latest = r;
                }
            }

            isTest[latest] = true;
            testRows.Add(latest);
        }

        testRows.Sort((a, b) => ratings.Users[a].CompareTo(ratings.Users[b]));
        var testUsers = new int[testRows.Count];
        var testMovies = new int[testRows.Count];
        var negatives = new int[testRows.Count, numberOfNegatives];
        var rowsOfUser = groups.ToDictionary(g => ratings.Users[g[0]]);
        var stamp = new int[movieBound];
        var random = new Random(seed);
        for (int t = 0; t < testRows.Count; t++)
        {
            int user = ratings.Users[testRows[t]];
            testUsers[t] = user;
            testMovies[t] = movies[testRows[t]];
            var rows = rowsOfUser[user];
            int marker = t + 1;
            int distinctRated = 0;
            foreach (int r in rows)
            {
                if (stamp[movies[r]] != marker)
                {
                    stamp[movies[r]] = marker;
                    distinctRated++;
                }
            }

            int unrated = candidates.Count - distinctRated;
            if (unrated < numberOfNegatives)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"User index {user} rated {distinctRated} of {candidates.Count} movies; fewer than {numberOfNegatives} unrated movies remain to sample negatives from."),
                    nameof(numberOfNegatives));
            }

            for (int k = 0; k < numberOfNegatives; k++)
            {
                int m;
                do
                {
                    m = candidates[random.Next(candidates.Count)];
                }
                while (stamp[m] == marker);
                stamp[m] = marker;
                negatives[t, k] = m;
            }
        }

        var trainRows = new List<int>(ratings.Count - testRows.Count);
        for (int i = 0; i < ratings.Count; i++)
        {
            if (!isTest[i])
            {
                trainRows.Add(i);
            }
        }

        return new LeaveOneOutSplit(ratings.Subset([.. trainRows]), ratings.Subset([.. testRows]), testUsers, testMovies, negatives);
    }
}
