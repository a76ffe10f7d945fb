using System.Diagnostics;
using System.Globalization;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.MLNet;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.LikeMlp;
using MovieRec.Splits;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// Training time of the like/dislike classifiers side by side in one run: the like/dislike MLP's seconds per epoch
/// (paper and tuned settings) and the whole training of ML.NET's SDCA, FastTree and LightGBM, biased MF and the
/// majority class, on the training part of one random 90/10 split.
/// </summary>
/// <remarks>Arguments (optional): <c>--data ml-latest-small</c>, <c>--seed 1</c>, <c>--rounds 2</c> (each model trains this many times; the table shows the fastest).</remarks>
public static class LikeClassifierSpeedReport
{
    public static int Run(string[] args)
    {
        var dataset = DatasetCatalog.Load(Arg(args, "--data", "ml-latest-small"));
        int seed = int.Parse(Arg(args, "--seed", "1"), CultureInfo.InvariantCulture);
        int rounds = int.Parse(Arg(args, "--rounds", "2"), CultureInfo.InvariantCulture);
        var train = RandomSplit.Create(dataset.Ratings, 0.1, seed).Train;
        Console.WriteLine($"{dataset.Name}: {train.Count:N0} training ratings (random 90/10, seed {seed}); {Environment.ProcessorCount} logical cores; fastest of {rounds} round(s)");
        Console.WriteLine();
        Console.WriteLine("| model | epochs | s per epoch | training s |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (label, trainer) in new (string, IRatingTrainer)[]
        {
            ("like-mlp (paper: batch 64, 10 epochs)", LikeMlpTrainer.Create()),
            ("like-mlp-tuned (batch 64, early stopping)", LikeMlpTrainer.Create(LikeMlpOptions.Tuned())),
            ("ML.NET SdcaLogisticRegression", LikeClassifierTrainer.Create(LikeClassifierAlgorithm.SdcaLogisticRegression)),
            ("ML.NET FastTree", LikeClassifierTrainer.Create(LikeClassifierAlgorithm.FastTree)),
            ("ML.NET LightGbm", LikeClassifierTrainer.Create(LikeClassifierAlgorithm.LightGbm)),
            ("biased MF", BaselineCatalog.MatrixFactorization()),
            ("majority class", BaselineCatalog.MajorityClass()),
        })
        {
            double best = double.MaxValue, perEpoch = double.NaN;
            int epochs = 0;
            for (int r = 0; r < rounds; r++)
            {
                var clock = Stopwatch.StartNew();
                var model = trainer.Fit(dataset, train);
                double seconds = clock.Elapsed.TotalSeconds;
                if (seconds < best)
                {
                    best = seconds;
                    if (model is BundleModel deep)
                    {
                        epochs = deep.Bundle.History.Count;
                        perEpoch = deep.Bundle.History.Average(e => e.Seconds);
                    }
                }

                (model as IDisposable)?.Dispose();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {(epochs > 0 ? epochs.ToString(CultureInfo.InvariantCulture) : "—")} | {(double.IsNaN(perEpoch) ? "—" : perEpoch.ToString("F2", CultureInfo.InvariantCulture))} | {best:F2} |"));
        }

        return 0;
    }
}
