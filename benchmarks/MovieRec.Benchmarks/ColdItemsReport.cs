using System.Globalization;
using Microsoft.ML;
using MovieRec.Abstractions;
using MovieRec.Content;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Content;
using MovieRec.MLNet;
using MovieRec.Splits;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// Cold-start items, the split of <c>evaluate --protocol cold-items</c> (<see cref="ColdItemSplit"/>) with a share of
/// its own: a share of the rated movies (drawn with the seed) loses every training rating. Each user who rated one of
/// them has their latest such rating held out and ranked among 99 movies they never rated; the models train on the
/// ratings of the other movies. A
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
            var split = ColdItemSplit.Create(dataset.Ratings, share, Negatives, seed);
            var train = split.Train;
            int cases = split.Test.Count;
            int[] users = [.. Enumerable.Range(0, cases).SelectMany(i => Enumerable.Repeat(split.Test.Users[i], 1 + Negatives))];
            int[] movies = [.. split.Candidates.SelectMany(list => list)];
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
                        Console.WriteLine($"seed {seed}: {cases} cold cases; hybrid content weights {string.Join(" / ", hybrid.Weights.Select(w => w.ToString("F1", CultureInfo.InvariantCulture)))} (movies with 0, 1-4, 5-19, 20+ training ratings)");
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

    private static string MeanStd(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = v.Average();
        double std = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{mean:F3} ± {std:F3}");
    }
}
