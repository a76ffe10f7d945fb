using System.Globalization;
using Microsoft.ML;
using MovieRec.Abstractions;
using MovieRec.Content;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Content;
using MovieRec.MLNet;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// Cold-start items: a share of the rated movies (drawn with the seed) loses every training rating. Each user who rated
/// one of them has their latest such rating held out and ranked among 99 movies they never rated (drawn with the seed
/// from the whole catalogue, cold movies included); the models train on the ratings of the other movies. A
/// collaborative model knows nothing of a cold movie; the content model and the hybrid read its text. HR@10 and
/// NDCG@10, mean ± std over seeds.
/// </summary>
/// <remarks>
/// Arguments (all optional): <c>--data ml-100k</c>, <c>--seeds 3</c>, <c>--share 0.1</c>, <c>--collaborative ials</c>
/// (any model name of the registry), <c>--descriptions FILE</c> (default: the Netflix titles when present).
/// </remarks>
public static class ColdItemsReport
{
    private const int Negatives = 99;

    public static int Run(string[] args)
    {
        var catalog = new MLContext(seed: 0).MovieRec();
        string data = Arg(args, "--data", "ml-100k");
        int seeds = int.Parse(Arg(args, "--seeds", "3"), CultureInfo.InvariantCulture);
        double share = double.Parse(Arg(args, "--share", "0.1"), CultureInfo.InvariantCulture);
        string collaborativeName = Arg(args, "--collaborative", "ials");
        var dataset = DatasetCatalog.Load(data);
        string? descriptions = Arg(args, "--descriptions", TitleDescriptions.FindNetflixTitles() ?? string.Empty);
        if (descriptions.Length > 0)
        {
            dataset = TitleDescriptions.Join(dataset, TitleDescriptions.Load(descriptions));
        }

        var encoder = ContentCatalog.DefaultEncoder;
        Console.WriteLine($"{data}: {share:P0} of the movies cold, {seeds} seed(s); collaborative {collaborativeName}; encoder {encoder?.Name ?? "tfidf"}; {dataset.Movies.DescriptionCount} movies with a description");
        string[] names = [collaborativeName, "content", "content-tfidf", $"hybrid ({collaborativeName} + content)"];
        var results = names.ToDictionary(n => n, _ => new List<(double Hr, double Ndcg)>());
        for (int seed = 1; seed <= seeds; seed++)
        {
            var (train, users, movies, cases) = Split(dataset.Ratings, share, seed);
            var trainers = new IRatingTrainer[]
            {
                catalog.CreateTrainer(collaborativeName),
                ContentCatalog.Content(encoder),
                new ContentTrainer(new ContentOptions { Name = "content-tfidf" }),
                ContentCatalog.Hybrid(new HybridOptions { Collaborative = catalog.CreateTrainer(collaborativeName), Content = new ContentOptions { Encoder = encoder }, Seed = seed }),
            };
            for (int i = 0; i < trainers.Length; i++)
            {
                var model = trainers[i].Fit(dataset, train);
                try
                {
                    var scores = new float[users.Length];
                    model.Predict(users, movies, scores);
                    var ranking = new HeldOutRanking(10).AddAll<float>(scores, 1 + Negatives);
                    results[names[i]].Add((ranking.HitRatio, ranking.Ndcg));
                    if (model is HybridModel hybrid)
                    {
                        Console.WriteLine($"seed {seed}: {cases} cold cases; hybrid weight {hybrid.Weight:F1}");
                    }
                }
                finally
                {
                    (model as IDisposable)?.Dispose();
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| model | HR@10 | NDCG@10 |");
        Console.WriteLine("|---|---:|---:|");
        foreach (string name in names)
        {
            var r = results[name];
            Console.WriteLine($"| {name} | {MeanStd(r.Select(x => x.Hr))} | {MeanStd(r.Select(x => x.Ndcg))} |");
        }

        return 0;
    }

    private static (RatingsTable Train, int[] Users, int[] Movies, int Cases) Split(RatingsTable ratings, double share, int seed)
    {
        var random = new Random(seed);
        int movieBound = ratings.MovieIndexBound;
        var rated = new bool[movieBound];
        foreach (int m in ratings.Movies)
        {
            rated[m] = true;
        }

        var ratedMovies = Enumerable.Range(1, movieBound - 1).Where(m => rated[m]).ToArray();
        random.Shuffle(ratedMovies);
        var cold = new bool[movieBound];
        foreach (int m in ratedMovies.Take((int)Math.Round(share * ratedMovies.Length)))
        {
            cold[m] = true;
        }

        var latestCold = new Dictionary<int, int>();
        var seen = new Dictionary<int, HashSet<int>>();
        for (int i = 0; i < ratings.Count; i++)
        {
            int u = ratings.Users[i];
            if (!seen.TryGetValue(u, out var set))
            {
                seen[u] = set = [];
            }

            set.Add(ratings.Movies[i]);
            if (cold[ratings.Movies[i]] && (!latestCold.TryGetValue(u, out int row) || ratings.Timestamps[i] >= ratings.Timestamps[row]))
            {
                latestCold[u] = i;
            }
        }

        var users = new List<int>();
        var movies = new List<int>();
        foreach (var (u, row) in latestCold.OrderBy(p => p.Key))
        {
            users.Add(u);
            movies.Add(ratings.Movies[row]);
            var drawn = new HashSet<int>();
            while (drawn.Count < Negatives)
            {
                int m = random.Next(1, movieBound);
                if (!seen[u].Contains(m) && drawn.Add(m))
                {
                    users.Add(u);
                    movies.Add(m);
                }
            }
        }

        var train = ratings.Where(i => !cold[ratings.Movies[i]]);
        return (train, users.ToArray(), movies.ToArray(), latestCold.Count);
    }

    private static string MeanStd(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = v.Average();
        double std = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{mean:F3} ± {std:F3}");
    }
}
