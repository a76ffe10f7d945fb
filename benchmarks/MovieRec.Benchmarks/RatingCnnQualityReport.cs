using MovieRec.Onnx.Models.RatingCnn;
using System.Diagnostics;
using System.Globalization;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Splits;

namespace MovieRec.Benchmarks;

/// <summary>
/// The LSTM-CNN / text-CNN quality table on the paper protocol: random 4:1 split of a dataset
/// (default ML-100K), test MSE, RMSE and MAE, mean ± std over seeds, beside biased MF.
/// </summary>
/// <remarks>
/// Arguments (all optional): <c>--data ml-100k</c>, <c>--seeds 3</c>,
/// <c>--configs mf,lstm-cnn-paper,text-cnn-paper,lstm-cnn-best,text-cnn-best</c>,
/// <c>--threads 1</c> (ONNX Runtime intra-op threads per model); for tuning, <c>--lr</c>,
/// <c>--weight-decay</c>, <c>--dropout</c>, <c>--epochs</c>, <c>--patience</c>, <c>--batch</c> and <c>--id-embedding</c> override the best settings. Each finished run prints one
/// line; the table comes at the end. Datasets come from <c>$MOVIEREC_DATA</c>.
/// </remarks>
public static class RatingCnnQualityReport
{
    /// <summary>The papers' settings (the defaults).</summary>
    public static RatingCnnOptions Paper(RatingCnnVariant variant) => new() { Variant = variant };

    /// <summary>The tuned preset, chosen by <c>movierec tune</c> on validation splits of the training parts (see <see cref="RatingCnnOptions.Tuned"/>).</summary>
    public static RatingCnnOptions Best(RatingCnnVariant variant) => RatingCnnOptions.Tuned(variant);

    public static int Run(string[] args)
    {
        string data = Arg(args, "--data", "ml-100k");
        int seeds = int.Parse(Arg(args, "--seeds", "3"), CultureInfo.InvariantCulture);
        int threads = int.Parse(Arg(args, "--threads", RatingCnnOptions.Defaults.Training.NumberOfThreads.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var configs = Arg(args, "--configs", "mf,lstm-cnn-paper,text-cnn-paper,lstm-cnn-best,text-cnn-best").Split(',');
        var dataset = DatasetCatalog.Load(data);
        Console.WriteLine($"{dataset.Name}: {dataset.Ratings.Count:N0} ratings, random 4:1, seeds 1..{seeds}");
        var results = new Dictionary<string, List<(double Mse, double Mae, double Seconds, int Epochs)>>(StringComparer.Ordinal);
        for (int seed = 1; seed <= seeds; seed++)
        {
            var split = RandomSplit.Create(dataset.Ratings, 0.2, seed);
            foreach (string config in configs)
            {
                var clock = Stopwatch.StartNew();
                IRatingPredictor model;
                int epochs;
                IDisposable? owned = null;
                if (config == "mf")
                {
                    model = BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { Seed = seed }).Fit(split.Train);
                    epochs = MatrixFactorizationOptions.Defaults.NumberOfIterations;
                }
                else
                {
                    var options = Override(Options(config) with { Training = Options(config).Training with { Seed = seed, NumberOfThreads = threads } }, args, config.EndsWith("-best", StringComparison.Ordinal));
                    var deep = RatingCnnTrainer.Create(options).Fit(dataset, split.Train);
                    model = deep;
                    owned = deep;
                    epochs = deep.Bundle.History.Count;
                }

                double seconds = clock.Elapsed.TotalSeconds;
                var predicted = new float[split.Test.Count];
                model.Predict(split.Test.Users, split.Test.Movies, predicted);
                double mse = RatingMetrics.MeanSquaredError(predicted, split.Test.Ratings);
                double mae = RatingMetrics.MeanAbsoluteError(predicted, split.Test.Ratings);
                owned?.Dispose();
                if (!results.TryGetValue(config, out var list))
                {
                    results[config] = list = [];
                }

                list.Add((mse, mae, seconds, epochs));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed} {config,-16} MSE {mse:F4} RMSE {Math.Sqrt(mse):F4} MAE {mae:F4} epochs {epochs} train {seconds:F1} s"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"### {dataset.Name}, random 4:1, mean ± std over {seeds} seeds");
        Console.WriteLine();
        Console.WriteLine("| model | MSE | RMSE | MAE | epochs | train s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (config, list) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {config} | {Stat(list.Select(r => r.Mse))} | {Stat(list.Select(r => Math.Sqrt(r.Mse)))} | {Stat(list.Select(r => r.Mae))} | {list.Average(r => r.Epochs):F1} | {list.Average(r => r.Seconds):F1} |"));
        }

        return 0;
    }

    internal static RatingCnnOptions Options(string config) => config switch
    {
        "lstm-cnn-paper" => Paper(RatingCnnVariant.LstmCnn),
        "text-cnn-paper" => Paper(RatingCnnVariant.TextCnn),
        "lstm-cnn-best" => Best(RatingCnnVariant.LstmCnn),
        "text-cnn-best" => Best(RatingCnnVariant.TextCnn),
        _ => throw new ArgumentException($"Unknown config '{config}'; expected mf, lstm-cnn-paper, text-cnn-paper, lstm-cnn-best or text-cnn-best.", nameof(config)),
    };

    /// <summary>Applies the tuning overrides (<c>--lr</c>, <c>--weight-decay</c>, <c>--dropout</c>, <c>--epochs</c>, <c>--patience</c>, <c>--batch</c>, <c>--id-embedding</c>) to the best settings.</summary>
    internal static RatingCnnOptions Override(RatingCnnOptions options, string[] args, bool best)
    {
        if (!best)
        {
            return options;
        }

        double Double(string name, double fallback) => double.Parse(Arg(args, name, fallback.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return options with
        {
            DropoutRate = Double("--dropout", options.DropoutRate),
            IdEmbeddingSize = (int)Double("--id-embedding", options.IdEmbeddingSize),
            Training = options.Training with { LearningRate = Double("--lr", options.Training.LearningRate), WeightDecay = Double("--weight-decay", options.Training.WeightDecay), Epochs = (int)Double("--epochs", options.Training.Epochs), Patience = (int)Double("--patience", options.Training.Patience), BatchSize = (int)Double("--batch", options.Training.BatchSize) },
        };
    }

    internal static string Arg(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static string Stat(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = v.Average();
        double std = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{mean:F4} ± {std:F4}");
    }
}
