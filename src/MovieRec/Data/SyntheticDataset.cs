using System.Globalization;

namespace MovieRec.Data;

/// <summary>
/// Generates a deterministic dataset with the MovieLens 1M schema: users with gender, age code and
/// occupation; movies with titles, years and ML-1M genres; integer ratings 1..5 from a hidden model.
/// The offline default for the quick start, tests and benchmarks.
/// </summary>
/// <remarks>
/// <para>Rating model: r̂(u, i) = μ + b_u + b_i + p_u·q_i + (1/|G_i|) Σ_{g ∈ G_i} a_{u,g} + ε, with
/// μ = 3.6, b_u ~ N(0, 0.35²), b_i ~ N(0, 0.45²) shifted up for popular movies, p_u, q_i ~ N(0, 0.8²/k)
/// (k = <see cref="SyntheticDataOptions.LatentFactors"/>), genre affinities a_{u,g} ~ N(0, 0.4²) and
/// noise ε ~ N(0, σ²); the value is rounded and clipped to 1..5.</para>
/// <para>Which movies a user rates: user activity follows a Pareto (power-law) distribution with at
/// least min(20, N/users/2) ratings each; each pick is a movie drawn by Zipf popularity (weight 1/rank^s)
/// with probability 0.75 and uniformly otherwise, without repeats. Ratings are ordered by user, each
/// user's timestamps increase from a start between 2000 and 2003, as in ML-1M's <c>ratings.dat</c>.</para>
/// <para>Everything is drawn from one <see cref="Random"/> seeded with <see cref="SyntheticDataOptions.Seed"/>.</para>
/// </remarks>
public static class SyntheticDataset
{
    /// <summary>The catalogue name, "synthetic".</summary>
    public const string Name = "synthetic";

    private static readonly string[] s_words =
    [
        "Silent", "River", "Night", "Last", "Summer", "Dark", "Star", "Love", "City", "King", "Lost", "Dream",
        "Blood", "Heart", "Shadow", "War", "Road", "Secret", "Island", "Winter", "Fire", "Ghost", "Moon", "Story",
        "Return", "House", "Man", "Woman", "Children", "Street", "Blue", "Red", "Golden", "Wild", "Time", "World",
        "Game", "Angel", "Devil", "Journey", "Song", "Dance", "Money", "Murder", "Kiss", "Edge", "Storm", "Sea",
        "Mountain", "Garden", "Empire", "Escape", "Promise", "Legend", "Hunter", "Stranger", "Brother", "Sister",
        "Father", "Mother", "Friend", "Enemy", "Machine", "Planet", "Space", "Rain", "Sun", "Forest", "Castle",
        "Train", "Paris", "Texas", "Tokyo", "London", "Harbor", "Mirror", "Glass", "Iron", "Stone", "Silver",
    ];

    private static readonly double[] s_genreWeights = [8, 6, 2, 3, 12, 5, 2, 16, 2, 1, 4, 2, 2, 6, 4, 6, 2, 1];
    private static readonly (int Code, double Weight)[] s_ages = [(1, 0.037), (18, 0.183), (25, 0.347), (35, 0.198), (45, 0.091), (50, 0.082), (56, 0.062)];

    /// <summary>Generates a dataset of <paramref name="numberOfRatings"/> ratings.</summary>
    /// <param name="numberOfRatings">Exact number of ratings, 1,000 to 25,000,000.</param>
    /// <param name="seed">Random seed. Default 42.</param>
    public static RecommendationDataset Generate(int numberOfRatings, int seed = SyntheticDefaults.Seed) =>
        Generate(new SyntheticDataOptions { NumberOfRatings = numberOfRatings, Seed = seed });

    /// <summary>Generates a dataset as the options say.</summary>
    /// <param name="options">Sizes, seed and model parameters.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size or parameter is out of range, or the users × movies grid is too small for the ratings.</exception>
    public static RecommendationDataset Generate(SyntheticDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int n = options.NumberOfRatings;
        if (n is < SyntheticDefaults.MinRatings or > SyntheticDefaults.MaxRatings)
        {
            throw new ArgumentOutOfRangeException(nameof(options), n, $"NumberOfRatings must be in {SyntheticDefaults.MinRatings}..{SyntheticDefaults.MaxRatings}.");
        }

        double root = Math.Sqrt(n);
        int users = options.NumberOfUsers > 0 ? options.NumberOfUsers : (int)Math.Round(6 * root);
        int movies = options.NumberOfMovies > 0 ? options.NumberOfMovies : (int)Math.Round(3.7 * root);
        if (options.NumberOfUsers < 0 || options.NumberOfMovies < 0 || (long)users * (movies / 2) < n)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), $"{users} users × {movies} movies cannot hold {n} ratings with at most half of the movies per user; use more users or movies.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.LatentFactors, 1, nameof(options));
        if (!(options.NoiseStandardDeviation >= 0) || !(options.PopularityExponent >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "NoiseStandardDeviation and PopularityExponent must be 0 or more.");
        }

        var random = new Random(options.Seed);
        var generator = new Generator(random, options, users, movies, n);
        return generator.Build();
    }

    private sealed class Generator(Random random, SyntheticDataOptions options, int users, int movies, int n)
    {
        private const int GenreCount = 18;
        private readonly int _k = options.LatentFactors;

        public RecommendationDataset Build()
        {
            var userIds = new IdMap(users);
            var movieIds = new IdMap(movies);
            for (int u = 1; u <= users; u++)
            {
                userIds.GetOrAdd(u);
            }

            for (int m = 1; m <= movies; m++)
            {
                movieIds.GetOrAdd(m);
            }

            var usersTable = MakeUsers();
            var (moviesTable, movieGenres) = MakeMovies();
            var ratings = MakeRatings(movieGenres);
            return RecommendationDataset.Create(Name, ratings, usersTable, moviesTable, userIds, movieIds, 1f, 5f);
        }

        private UsersTable MakeUsers()
        {
            var gender = new byte[users + 1];
            var age = new int[users + 1];
            var occupation = new int[users + 1];
            var zip = new string[users + 1];
            zip[0] = string.Empty;
            for (int u = 1; u <= users; u++)
            {
                gender[u] = (byte)(random.NextDouble() < 0.717 ? 1 : 0);
                double x = random.NextDouble();
                int code = s_ages[^1].Code;
                foreach (var (c, w) in s_ages)
                {
                    if ((x -= w) < 0)
                    {
                        code = c;
                        break;
                    }
                }

                age[u] = code;
                occupation[u] = random.Next(MovieLensGenres.MovieLens1MOccupations.Count);
                zip[u] = random.Next(100000).ToString("D5", CultureInfo.InvariantCulture);
            }

            return UsersTable.Create(gender, age, occupation, zip, MovieLensGenres.MovieLens1MOccupations);
        }

        private (MoviesTable Table, int[][] Genres) MakeMovies()
        {
            var titles = new string[movies + 1];
            var years = new int[movies + 1];
            var genres = new int[movies + 1][];
            titles[0] = string.Empty;
            genres[0] = [];
            double total = s_genreWeights.Sum();
            for (int m = 1; m <= movies; m++)
            {
                int words = 1 + random.Next(3);
                var parts = new string[words + (random.NextDouble() < 0.3 ? 1 : 0)];
                int p = 0;
                if (parts.Length > words)
                {
                    parts[p++] = "The";
                }

                for (int w = 0; w < words; w++)
                {
                    parts[p++] = s_words[random.Next(s_words.Length)];
                }

                int year = 2000 - (int)Math.Min(80, Math.Floor(-12 * Math.Log(1 - random.NextDouble())));
                years[m] = year;
                titles[m] = string.Create(CultureInfo.InvariantCulture, $"{string.Join(' ', parts)} ({year})");
                int count = 1 + (random.NextDouble() < 0.45 ? 1 : 0) + (random.NextDouble() < 0.15 ? 1 : 0);
                var set = new SortedSet<int>();
                while (set.Count < count)
                {
                    double x = random.NextDouble() * total;
                    int g = 0;
                    while (g < GenreCount - 1 && (x -= s_genreWeights[g]) >= 0)
                    {
                        g++;
                    }

                    set.Add(g);
                }

                genres[m] = [.. set];
            }

            var table = MoviesTable.Create(titles, years, genres, MovieLensGenres.MovieLens1M);
            return (table, genres);
        }

        private RatingsTable MakeRatings(int[][] movieGenres)
        {
            var counts = UserCounts();

            // Popularity: movie of rank r (a seeded permutation of movies) has weight 1/r^s.
            var rankToMovie = new int[movies];
            for (int i = 0; i < movies; i++)
            {
                rankToMovie[i] = i + 1;
            }

            random.Shuffle(rankToMovie);
            var cdf = new double[movies];
            double acc = 0;
            for (int r = 0; r < movies; r++)
            {
                acc += 1.0 / Math.Pow(r + 1, options.PopularityExponent);
                cdf[r] = acc;
            }

            var movieBias = new float[movies + 1];
            var q = new float[(movies + 1) * _k];
            double factorScale = 0.8 / Math.Sqrt(_k);
            for (int r = 0; r < movies; r++)
            {
                int m = rankToMovie[r];
                movieBias[m] = (float)((0.45 * Normal()) + (0.3 * (1 - ((double)r / movies))) - 0.15);
                for (int f = 0; f < _k; f++)
                {
                    q[(m * _k) + f] = (float)(factorScale * Normal());
                }
            }

            var usersColumn = new int[n];
            var moviesColumn = new int[n];
            var ratingsColumn = new float[n];
            var timestamps = new long[n];
            var stamp = new int[movies + 1];
            var p = new float[_k];
            var affinity = new float[GenreCount];
            int row = 0;
            const long Start = 946_684_800; // 2000-01-01
            for (int u = 1; u <= users; u++)
            {
                double userBias = 0.35 * Normal();
                for (int f = 0; f < _k; f++)
                {
                    p[f] = (float)(factorScale * Normal());
                }

                for (int g = 0; g < GenreCount; g++)
                {
                    affinity[g] = (float)(0.4 * Normal());
                }

                long time = Start + (long)(random.NextDouble() * 3 * 365 * 86400);
                for (int c = 0; c < counts[u]; c++)
                {
                    int m;
                    do
                    {
                        m = random.NextDouble() < 0.75
                            ? rankToMovie[LowerBound(cdf, random.NextDouble() * acc)]
                            : 1 + random.Next(movies);
                    }
                    while (stamp[m] == u);
                    stamp[m] = u;
                    double score = 3.6 + userBias + movieBias[m];
                    for (int f = 0; f < _k; f++)
                    {
                        score += p[f] * q[(m * _k) + f];
                    }

                    var genres = movieGenres[m];
                    double genreScore = 0;
                    foreach (int g in genres)
                    {
                        genreScore += affinity[g];
                    }

                    score += (genreScore / genres.Length) + (options.NoiseStandardDeviation * Normal());
                    time += 1 + (long)(-600 * Math.Log(1 - random.NextDouble()));
                    usersColumn[row] = u;
                    moviesColumn[row] = m;
                    ratingsColumn[row] = (float)Math.Clamp(Math.Round(score), 1, 5);
                    timestamps[row] = time;
                    row++;
                }
            }

            return RatingsTable.Create(usersColumn, moviesColumn, ratingsColumn, timestamps);
        }

        private int[] UserCounts()
        {
            int cap = movies / 2;
            int minimum = Math.Max(1, Math.Min(20, n / users / 2));
            var counts = new int[users + 1];
            var weights = new double[users + 1];
            double total = 0;
            for (int u = 1; u <= users; u++)
            {
                weights[u] = Math.Pow(1 - random.NextDouble(), -1 / 1.3); // Pareto, shape 1.3
                total += weights[u];
            }

            long rest = n - ((long)minimum * users);
            long assigned = 0;
            for (int u = 1; u <= users; u++)
            {
                counts[u] = (int)Math.Min(cap, minimum + Math.Floor(rest * weights[u] / total));
                assigned += counts[u];
            }

            // Hand out what rounding and the cap left over, one rating at a time, round-robin.
            for (int u = 1; assigned < n; u = u == users ? 1 : u + 1)
            {
                if (counts[u] < cap)
                {
                    counts[u]++;
                    assigned++;
                }
            }

            return counts;
        }

        private double Normal()
        {
            double u1 = 1 - random.NextDouble();
            double u2 = random.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        private static int LowerBound(double[] cdf, double x)
        {
            int index = Array.BinarySearch(cdf, x);
            return Math.Min(cdf.Length - 1, index >= 0 ? index : ~index);
        }
    }
}
