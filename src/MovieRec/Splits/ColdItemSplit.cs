using System.Globalization;
using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>
/// The cold-start items protocol (<c>evaluate --protocol cold-items</c>): a share of the rated movies, drawn with the
/// seed, loses every training rating, as new releases have none. Each user who rated one of them has their latest such
/// rating held out and ranked among <see cref="NumberOfNegatives"/> movies they never rated, drawn with the seed from
/// the whole catalogue (cold movies included); the models train on the ratings of the other movies. A collaborative
/// model knows nothing of a cold movie; a content model reads its text. <see cref="CreateMixed"/> builds the mixed
/// protocol: leave-one-out where a share of the held-out movies are new releases.
/// </summary>
/// <remarks>
/// "Latest" is the largest timestamp, ties broken by the later row. A user's other ratings of cold movies leave
/// training too and are not tested. Users whose every rating is of cold movies are tested with no training rating.
/// </remarks>
public sealed class ColdItemSplit
{
    /// <summary>The share of rated movies made cold by default: 10 %.</summary>
    public const double DefaultColdShare = 0.1;

    /// <summary>The share of test users whose held-out movie is made cold in the mixed protocol by default: 20 %.</summary>
    public const double DefaultMixedColdShare = 0.2;

    private readonly bool[] _cold;

    private ColdItemSplit(RatingsTable train, RatingsTable test, int[][] candidates, bool[] cold)
    {
        Train = train;
        Test = test;
        Candidates = candidates;
        _cold = cold;
    }

    /// <summary>Gets the ratings of the movies that stay warm.</summary>
    public RatingsTable Train { get; }

    /// <summary>Gets the held-out ratings: one per user who rated a cold movie, by user index.</summary>
    public RatingsTable Test { get; }

    /// <summary>Gets, per test row, the held-out movie and then its negatives.</summary>
    public IReadOnlyList<int[]> Candidates { get; }

    /// <summary>Gets the number of test rows whose movie is cold.</summary>
    public int ColdCases => Enumerable.Range(0, Test.Count).Count(i => IsCold(Test.Movies[i]));

    /// <summary>Gets the number of negatives per test row.</summary>
    public int NumberOfNegatives => Candidates.Count == 0 ? 0 : Candidates[0].Length - 1;

    /// <summary>Whether <paramref name="movie"/> was made cold.</summary>
    /// <param name="movie">A movie index.</param>
    /// <returns>True for a cold movie.</returns>
    public bool IsCold(int movie) => (uint)movie < (uint)_cold.Length && _cold[movie];

    /// <summary>Builds the split.</summary>
    /// <param name="ratings">All ratings.</param>
    /// <param name="coldShare">The share of rated movies made cold, more than 0 and less than 1.</param>
    /// <param name="numberOfNegatives">Negatives per test row, 0 or more.</param>
    /// <param name="seed">Seeds the cold movies and the negatives.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A share or count out of range.</exception>
    /// <exception cref="ArgumentException">A test user has fewer unrated movies than <paramref name="numberOfNegatives"/>.</exception>
    public static ColdItemSplit Create(RatingsTable ratings, double coldShare = DefaultColdShare, int numberOfNegatives = SplitDefaults.NumberOfNegatives, int seed = SplitDefaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (!(coldShare > 0 && coldShare < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(coldShare), coldShare, "Expected a share of movies between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(numberOfNegatives);
        var random = new Random(seed);
        int movieBound = ratings.MovieIndexBound;
        var rated = new bool[movieBound];
        foreach (int m in ratings.Movies)
        {
            rated[m] = true;
        }

        int[] ratedMovies = [.. Enumerable.Range(1, Math.Max(0, movieBound - 1)).Where(m => rated[m])];
        random.Shuffle(ratedMovies);
        var cold = new bool[movieBound];
        foreach (int m in ratedMovies.Take((int)Math.Round(coldShare * ratedMovies.Length)))
        {
            cold[m] = true;
        }

        var timestamps = ratings.Timestamps;
        var testRows = new List<int>();
        var groups = UserRows.Group(ratings);
        foreach (var rows in groups)
        {
            int latest = -1;
            foreach (int r in rows)
            {
                if (cold[ratings.Movies[r]] && (latest < 0 || timestamps[r] >= timestamps[latest]))
                {
                    latest = r;
                }
            }

            if (latest >= 0)
            {
                testRows.Add(latest);
            }
        }

        return Build(ratings, groups, cold, testRows, numberOfNegatives, random);
    }

    /// <summary>
    /// Builds the mixed protocol (<c>evaluate --protocol mixed</c>): leave-one-out, each user's latest rating held out,
    /// where the held-out movies of a share of the users, drawn with the seed, are new releases: every training rating
    /// of those movies is taken out. Another user whose held-out movie is one of them is a cold case too, so the cold
    /// share of the cases is at least <paramref name="coldUserShare"/> (<see cref="ColdCases"/> says how many).
    /// </summary>
    /// <param name="ratings">All ratings.</param>
    /// <param name="coldUserShare">The share of the test users whose held-out movie is made cold, more than 0 and less than 1.</param>
    /// <param name="numberOfNegatives">Negatives per test row, 0 or more.</param>
    /// <param name="seed">Seeds the cold users and the negatives.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A share or count out of range.</exception>
    /// <exception cref="ArgumentException">A test user has fewer unrated movies than <paramref name="numberOfNegatives"/>.</exception>
    public static ColdItemSplit CreateMixed(RatingsTable ratings, double coldUserShare = DefaultMixedColdShare, int numberOfNegatives = SplitDefaults.NumberOfNegatives, int seed = SplitDefaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (!(coldUserShare > 0 && coldUserShare < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(coldUserShare), coldUserShare, "Expected a share of users between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(numberOfNegatives);
        var random = new Random(seed);
        var timestamps = ratings.Timestamps;
        var testRows = new List<int>();
        var groups = UserRows.Group(ratings);
        foreach (var rows in groups)
        {
            if (rows.Length < 2)
            {
                continue;
            }

            int latest = UserRows.Latest(rows, timestamps);

            testRows.Add(latest);
        }

        testRows.Sort((a, b) => ratings.Users[a].CompareTo(ratings.Users[b]));
        int[] drawn = [.. testRows];
        random.Shuffle(drawn);
        var cold = new bool[ratings.MovieIndexBound];
        foreach (int row in drawn.Take((int)Math.Round(coldUserShare * drawn.Length)))
        {
            cold[ratings.Movies[row]] = true;
        }

        return Build(ratings, groups, cold, testRows, numberOfNegatives, random);
    }

    private static ColdItemSplit Build(RatingsTable ratings, List<int[]> groups, bool[] cold, List<int> testRows, int numberOfNegatives, Random random)
    {
        int movieBound = ratings.MovieIndexBound;
        var rowsOfUser = new Dictionary<int, int[]>();
        foreach (var rows in groups)
        {
            if (rows.Length > 0)
            {
                rowsOfUser[ratings.Users[rows[0]]] = rows;
            }
        }

        testRows.Sort((a, b) => ratings.Users[a].CompareTo(ratings.Users[b]));
        var candidates = new int[testRows.Count][];
        var stamp = new int[movieBound];
        for (int t = 0; t < testRows.Count; t++)
        {
            int marker = t + 1;
            var rows = rowsOfUser[ratings.Users[testRows[t]]];
            foreach (int r in rows)
            {
                stamp[ratings.Movies[r]] = marker;
            }

            int unrated = movieBound - 1 - rows.Select(r => ratings.Movies[r]).Distinct().Count();
            if (unrated < numberOfNegatives)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"User index {ratings.Users[testRows[t]]} leaves {unrated} unrated movies; fewer than the {numberOfNegatives} negatives asked for."),
                    nameof(numberOfNegatives));
            }

            var list = new int[numberOfNegatives + 1];
            list[0] = ratings.Movies[testRows[t]];
            for (int k = 1; k <= numberOfNegatives; k++)
            {
                int m;
                do
                {
                    m = random.Next(1, movieBound);
                }
                while (stamp[m] == marker);
                stamp[m] = marker;
                list[k] = m;
            }

            candidates[t] = list;
        }

        var isTest = new bool[ratings.Count];
        foreach (int row in testRows)
        {
            isTest[row] = true;
        }

        var train = ratings.Where(i => !cold[ratings.Movies[i]] && !isTest[i]);
        var test = ratings.Subset(testRows.ToArray());
        return new ColdItemSplit(train, test, candidates, cold);
    }
}
