using System.Globalization;
using MovieRec.Baselines;
using MovieRec.Content;
using MovieRec.Data;
using MovieRec.Onnx.Content;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// New users, as the server meets them: who should recommend to a user after their first k ratings — content (the
/// liked movies' texts), the collaborative fold-in, or the hybrid of the two? A seed's eligible users (at least 21
/// ratings and a liked one, rated 4 or more, after their 20th) are shuffled; 20 % are validation users and 20 % test
/// users, and every rating of both is taken out of training. Matrix factorisation (the server's <c>mf</c>) trains on the
/// rest, and the content model encodes the catalogue the server's way. Each held-out user is given their first k
/// ratings by time, k = 1, 2, 3, 5, 10, 15, 20; their first liked rating after the 20th is ranked among 99 movies they
/// never rated (HR@10, ties counting half). The server's rule (content below <c>HybridFromRatings</c>, the hybrid with
/// content weight p / (p + k) below <c>CollaborativeFromRatings</c>, the fold-in from there) is chosen per seed on the
/// validation users only, by mean HR@10 over the k; the test users are scored once, with that seed's choice.
/// </summary>
/// <remarks>Arguments (all optional): <c>--data ml-100k</c>, <c>--model mf</c> (the server's model: mf, als or ials), <c>--seeds 3</c>.</remarks>
public static class NewUsersReport
{
    private const float Liked = NewUserOptions.Defaults.LikeThreshold;
    private const int MaxGiven = 20;
    private const int Negatives = 99;
    private const int Cutoff = 10;
    private static readonly int[] s_given = [1, 2, 3, 5, 10, 15, 20];
    private static readonly float[] s_priors = [1, 2, 5, 10, 20];

    /// <summary>Thresholds tried: content for k below the first, the fold-in from the second (21: never within the k above).</summary>
    private static readonly int[] s_thresholds = [1, 2, 3, 4, 6, 11, 16, 21];

    public static int Run(string[] args)
    {
        string data = Arg(args, "--data", "ml-100k");
        string model = Arg(args, "--model", "mf");
        int seeds = int.Parse(Arg(args, "--seeds", "3"), CultureInfo.InvariantCulture);
        var dataset = DatasetCatalog.Load(data);
        if (TitleDescriptions.FindNetflixTitles() is { } netflix)
        {
            dataset = TitleDescriptions.Join(dataset, TitleDescriptions.Load(netflix));
        }

        var encoder = ContentCatalog.DefaultEncoder ?? TfidfTextEncoder.Fit(ContentText.All(dataset.Movies));
        using var content = ContentModel.FromMovies(dataset.Movies, encoder);
        Console.WriteLine($"{data}: new users given their first k ratings; collaborative {model}; content {encoder.Name} ({dataset.Movies.DescriptionCount} movies with a description); {seeds} seed(s)");
        var validationTables = new List<Dictionary<string, double[]>>();
        var testTables = new List<Dictionary<string, double[]>>();
        var choices = new List<Policy>();
        for (int seed = 1; seed <= seeds; seed++)
        {
            var (train, validation, test) = Split(dataset.Ratings, seed);
            var trainer = model == "mf" ? BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { Seed = seed }) : BaselineCatalog.FromName(model);
            var factors = trainer.Fit(train) as MatrixFactorizationModel ?? throw new ArgumentException($"--model {model} does not fold users in; expected mf, als or ials.");
            var popularity = new float[Math.Max(factors.MovieIndexBound, content.MovieIndexBound)];
            foreach (int movie in train.Movies)
            {
                popularity[movie]++;
            }

            var scorer = new Scorer(factors, content, popularity, dataset.Ratings, seed);
            var validationHits = scorer.Hits(validation);
            var policy = Choose(validationHits);
            choices.Add(policy);
            validationTables.Add(Table(validationHits, null));
            testTables.Add(Table(scorer.Hits(test), policy));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {validation.Count} validation and {test.Count} test users; chosen on validation: {policy}"));
        }

        Print("Validation users (choose here)", validationTables);
        Print("Test users (each seed's choice)", testTables);
        Console.WriteLine();
        Console.WriteLine("Chosen per seed: " + string.Join("; ", choices));
        return 0;
    }

    /// <summary>The server's rule: content below <see cref="HybridFrom"/> ratings, the hybrid below <see cref="CollaborativeFrom"/>, the fold-in from there.</summary>
    private sealed record Policy(int HybridFrom, int CollaborativeFrom, float Prior)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"content below {HybridFrom}, hybrid (p = {Prior}) below {CollaborativeFrom}, fold-in from {CollaborativeFrom}");
    }

    /// <summary>One user's hits: [k index, strategy] where strategies are popularity, content, fold-in, then the hybrid per prior.</summary>
    private sealed record UserHits(double[,] Hits, bool[] HasLike);

    private sealed class Scorer(MatrixFactorizationModel factors, ContentModel content, float[] popularity, RatingsTable all, int seed)
    {
        public List<UserHits> Hits(List<int[]> users)
        {
            // One score per movie index of either model; a movie one of them does not know scores 0 there.
            int movies = Math.Max(factors.MovieIndexBound, content.MovieIndexBound);
            var fold = new float[movies];
            var text = new float[movies];
            var fused = new float[movies];
            var result = new List<UserHits>(users.Count);
            foreach (int[] rows in users)
            {
                int target = rows.Skip(MaxGiven).Select(r => all.Movies[r]).First(m => Rating(rows, m) >= Liked);
                var candidates = Candidates(rows, target, seed);
                var hits = new double[s_given.Length, 3 + s_priors.Length];
                var hasLike = new bool[s_given.Length];
                for (int g = 0; g < s_given.Length; g++)
                {
                    var given = rows[..s_given[g]];
                    int[] givenMovies = [.. given.Select(r => all.Movies[r])];
                    float[] givenRatings = [.. given.Select(r => all.Ratings[r])];
                    factors.ScoreAll(factors.FoldIn(givenMovies, givenRatings), fold.AsSpan(0, factors.MovieIndexBound));
                    var profile = content.NewProfile();
                    for (int i = 0; i < givenMovies.Length; i++)
                    {
                        if (givenRatings[i] >= Liked && givenMovies[i] < content.MovieIndexBound)
                        {
                            content.AddLike(profile, givenMovies[i]);
                        }
                    }

                    hasLike[g] = profile.Count > 0;
                    content.Score(profile, text.AsSpan(0, content.MovieIndexBound));
                    hits[g, 0] = Hit(popularity, candidates, target);
                    hits[g, 1] = Hit(text, candidates, target);
                    hits[g, 2] = Hit(fold, candidates, target);
                    for (int p = 0; p < s_priors.Length; p++)
                    {
                        HybridModel.Fuse(fold, text, s_priors[p] / (s_priors[p] + s_given[g]), fused);
                        hits[g, 3 + p] = Hit(fused, candidates, target);
                    }
                }

                result.Add(new UserHits(hits, hasLike));
            }

            return result;
        }

        private float Rating(int[] rows, int movie) => all.Ratings[rows.First(r => all.Movies[r] == movie)];

        private int[] Candidates(int[] rows, int target, int userSeed)
        {
            var rated = rows.Select(r => all.Movies[r]).ToHashSet();
            var random = new Random(unchecked((userSeed * 1_000_003) + all.Users[rows[0]]));
            var negatives = new HashSet<int>();
            while (negatives.Count < Negatives)
            {
                int movie = random.Next(1, popularity.Length);
                if (!rated.Contains(movie) && popularity[movie] > 0)
                {
                    negatives.Add(movie);
                }
            }

            return [target, .. negatives.Order()];
        }

        private static double Hit(float[] scores, int[] candidates, int target)
        {
            float score = scores[target];
            int higher = 0, ties = 0;
            foreach (int movie in candidates)
            {
                if (movie == target)
                {
                    continue;
                }

                if (scores[movie] > score)
                {
                    higher++;
                }
                else if (scores[movie] == score)
                {
                    ties++;
                }
            }

            double rank = higher + (ties / 2.0);
            return rank < Cutoff ? 1 : 0;
        }
    }

    /// <summary>
    /// What the rule of <see cref="NewUserRecommender"/> picks for a user at k given ratings (no like means no content
    /// side), read from the hits each strategy scored, so that every candidate rule is scored without re-ranking.
    /// </summary>
    private static double Pick(UserHits user, int g, Policy policy)
    {
        int k = s_given[g];
        int prior = Array.IndexOf(s_priors, policy.Prior);
        return !user.HasLike[g] ? user.Hits[g, 2]
            : k < policy.HybridFrom ? user.Hits[g, 1]
            : k < policy.CollaborativeFrom ? user.Hits[g, 3 + prior]
            : user.Hits[g, 2];
    }

    private static Policy Choose(List<UserHits> users)
    {
        Policy best = new(1, 1, s_priors[0]);
        double bestScore = double.NegativeInfinity;
        foreach (float prior in s_priors)
        {
            foreach (int hybridFrom in s_thresholds)
            {
                foreach (int collaborativeFrom in s_thresholds.Where(c => c >= hybridFrom))
                {
                    var policy = new Policy(hybridFrom, collaborativeFrom, prior);
                    double score = Enumerable.Range(0, s_given.Length).Average(g => users.Average(u => Pick(u, g, policy)));
                    if (score > bestScore + 1e-12)
                    {
                        (best, bestScore) = (policy, score);
                    }
                }
            }
        }

        return best;
    }

    private static Dictionary<string, double[]> Table(List<UserHits> users, Policy? policy)
    {
        var table = new Dictionary<string, double[]>(StringComparer.Ordinal);
        string[] names = ["popularity", "content", "fold-in", .. s_priors.Select(p => string.Create(CultureInfo.InvariantCulture, $"hybrid p={p}"))];
        for (int s = 0; s < names.Length; s++)
        {
            table[names[s]] = [.. Enumerable.Range(0, s_given.Length).Select(g => users.Average(u => u.Hits[g, s]))];
        }

        if (policy is not null)
        {
            table["chosen rule"] = [.. Enumerable.Range(0, s_given.Length).Select(g => users.Average(u => Pick(u, g, policy)))];
        }

        return table;
    }

    private static void Print(string title, List<Dictionary<string, double[]>> tables)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}: HR@10, mean ± std over seeds");
        Console.WriteLine();
        Console.WriteLine("| strategy | " + string.Join(" | ", s_given.Select(k => $"k = {k}")) + " | mean |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", s_given.Length + 1)));
        foreach (string name in tables[0].Keys)
        {
            var cells = Enumerable.Range(0, s_given.Length).Select(g => Stat(tables.Select(t => t[name][g]).ToArray()));
            Console.WriteLine($"| {name} | {string.Join(" | ", cells)} | {Stat([.. tables.Select(t => t[name].Average())])} |");
        }
    }

    private static string Stat(double[] values)
    {
        double mean = values.Average();
        double std = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{mean:F3} ± {std:F3}");
    }

    /// <summary>Training ratings, and the validation and test users (each user's rows in time order).</summary>
    private static (RatingsTable Train, List<int[]> Validation, List<int[]> Test) Split(RatingsTable ratings, int seed)
    {
        var byUser = new Dictionary<int, List<int>>();
        for (int i = 0; i < ratings.Count; i++)
        {
            int user = ratings.Users[i];
            if (!byUser.TryGetValue(user, out var rows))
            {
                byUser[user] = rows = [];
            }

            rows.Add(i);
        }

        var timestamps = ratings.Timestamps.ToArray();
        var eligible = new List<int[]>();
        foreach (var (_, rows) in byUser.OrderBy(p => p.Key))
        {
            int[] ordered = [.. rows.OrderBy(r => timestamps[r]).ThenBy(r => r)];
            if (ordered.Length > MaxGiven && ordered.Skip(MaxGiven).Any(r => ratings.Ratings[r] >= Liked))
            {
                eligible.Add(ordered);
            }
        }

        var shuffled = eligible.ToArray();
        new Random(seed).Shuffle(shuffled);
        int share = shuffled.Length / 5;
        var validation = shuffled[..share].ToList();
        var test = shuffled[share..(2 * share)].ToList();
        var heldOut = validation.Concat(test).Select(rows => ratings.Users[rows[0]]).ToHashSet();
        return (ratings.Where(i => !heldOut.Contains(ratings.Users[i])), validation, test);
    }
}
