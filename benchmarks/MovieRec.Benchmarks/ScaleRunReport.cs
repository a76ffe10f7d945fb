using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.MLNet;
using MovieRec.Onnx.Models;
using MovieRec.Recommendation;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// One measurement of <see cref="ScaleReport"/>, in a process of its own so that its peak resident memory is its own:
/// loads a dataset folder, splits it as <c>movierec train</c> does (random 90/10 for rating models, leave-one-out with
/// 99 sampled movies for top-K models), trains one model (a bundle where the model has one), evaluates it on the test
/// part, ranks the top 10 for every user, writes the bundle, and prints one line <c>SCALE {json}</c> with the seconds of
/// each step, the training seconds per epoch, the test metric and the peak resident memory (VmHWM).
/// </summary>
/// <remarks>
/// Arguments: <c>--model NAME</c> (a registry name), <c>--data FOLDER</c>, optional <c>--epochs 1</c> (deep models: epochs
/// per stage), <c>--threads N</c> (the classical trainers' threads and ONNX Runtime's intra-op threads; default: the
/// library's defaults), <c>--users N</c> (rank the top 10 for the first N users only and scale the time up; default
/// all), <c>--plain</c> (train the model itself rather than its bundle: the classical trainers then take
/// <c>--threads</c>), <c>--batch N</c> (deep models' batch size; default the model's).
/// </remarks>
public static class ScaleRunReport
{
    private static readonly string[] s_ranking = ["ials", "iknn", "content", "hybrid", "neumf", "gmf", "mlp", "bpr", "ease", "pop"];

    public static int Run(string[] args)
    {
        string name = Arg(args, "--model", "mf");
        string folder = Arg(args, "--data", string.Empty);
        int epochs = int.Parse(Arg(args, "--epochs", "1"), CultureInfo.InvariantCulture);
        int? threads = Arg(args, "--threads", string.Empty) is { Length: > 0 } t ? int.Parse(t, CultureInfo.InvariantCulture) : null;
        int? userSample = Arg(args, "--users", string.Empty) is { Length: > 0 } u ? int.Parse(u, CultureInfo.InvariantCulture) : null;
        int? batch = Arg(args, "--batch", string.Empty) is { Length: > 0 } b ? int.Parse(b, CultureInfo.InvariantCulture) : null;
        var catalog = new MLContext(seed: 0).MovieRec();
        var result = new Dictionary<string, object> { ["model"] = name, ["threads"] = threads ?? Environment.ProcessorCount, ["batch"] = batch ?? 0 };

        var whole = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        var dataset = DatasetCatalog.Load(folder);
        result["load_s"] = Lap(clock);
        result["ratings"] = dataset.Ratings.Count;
        result["users"] = dataset.UserCount;
        result["movies"] = dataset.MovieCount;

        var settings = new DeepTrainingSettings
        {
            Training = o => o with { Epochs = epochs, NumberOfThreads = threads ?? o.NumberOfThreads, BatchSize = batch ?? o.BatchSize },
        };
        bool bundles = !args.Contains("--plain") && catalog.BundleModelNames.Contains(name, StringComparer.OrdinalIgnoreCase);
        IRatingPredictor model;
        EvaluationSplit split;
        int? epochCount;
        BundleModel? bundled = null;
        var progress = new Progress(name);
        if (bundles)
        {
            var trainer = catalog.CreateBundleTrainer(name, settings);
            split = ExperimentRunner.CreateSplit(trainer.Predicts == PredictionKind.Ranking ? EvaluationProtocol.LeaveOneOut99 : EvaluationProtocol.Random90To10, dataset.Ratings, seed: 1);
            result["split_s"] = Lap(clock);
            bundled = trainer.Fit(dataset, split.Train, progress);
            model = bundled;
            epochCount = trainer.HasTrainingOptions ? Math.Max(1, bundled.Bundle.History.Count) : Iterations(BaselineCatalog.FromName(name));
            if (bundled.Bundle.History.Count > 0)
            {
                // The last epoch's training rows per second (NCF: of its final stage).
                result["samples_per_s"] = Math.Round(bundled.Bundle.History[^1].SamplesPerSecond);
            }
        }
        else
        {
            var trainer = catalog.CreateTrainer(name, settings);
            trainer = threads is { } n ? WithThreads(trainer, n) : trainer;
            var protocol = s_ranking.Any(r => name.StartsWith(r, StringComparison.Ordinal)) ? EvaluationProtocol.LeaveOneOut99 : EvaluationProtocol.Random90To10;
            split = ExperimentRunner.CreateSplit(protocol, dataset.Ratings, seed: 1);
            result["split_s"] = Lap(clock);
            model = trainer.Fit(dataset, split.Train, progress);
            epochCount = Iterations(trainer);
        }

        double train = Lap(clock);
        result["train_s"] = train;
        result["epochs"] = epochCount ?? 0;
        result["epoch_s"] = train / (epochCount ?? 1);
        var metrics = ExperimentRunner.Evaluate(model, split, new ExperimentOptions { TopKs = [] });
        result["evaluate_s"] = Lap(clock);
        foreach (string metric in new[] { "RMSE", "HR@10" })
        {
            if (metrics.TryGetValue(metric, out double value))
            {
                result["metric"] = $"{metric} {value.ToString("F4", CultureInfo.InvariantCulture)}";
                break;
            }
        }

        int users = Math.Min(userSample ?? dataset.UserCount, dataset.UserCount);
        var recommender = Recommender.Create(model, split.Train);
        var top = new RecommendationOptions { Count = 10 };
        for (int user = 1; user <= users; user++)
        {
            _ = recommender.Favourites(user, top);
        }

        result["top10_s"] = Lap(clock) * dataset.UserCount / users;
        result["top10_users"] = users;
        if (bundled is not null)
        {
            string path = Path.Combine(Path.GetTempPath(), $"movierec-scale-{Environment.ProcessId}.zip");
            bundled.Save(path);
            result["bundle_s"] = Lap(clock);
            result["bundle_mb"] = new FileInfo(path).Length / 1048576.0;
            File.Delete(path);
            bundled.Dispose();
        }
        else
        {
            (model as IDisposable)?.Dispose();
        }

        result["peak_rss_mb"] = ProcessMemory.PeakResidentMiB();
        result["seconds"] = Math.Round(whole.Elapsed.TotalSeconds, 3);
        Console.WriteLine("SCALE " + JsonSerializer.Serialize(result));
        return 0;
    }

    private static double Lap(Stopwatch clock)
    {
        double seconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return Math.Round(seconds, 3);
    }

    private static int? Iterations(IRatingTrainer trainer) => trainer switch
    {
        MatrixFactorizationTrainer mf => mf.Options.NumberOfIterations,
        AlternatingLeastSquaresTrainer als => als.Options.NumberOfIterations,
        _ => null,
    };

    private static IRatingTrainer WithThreads(IRatingTrainer trainer, int threads) => trainer switch
    {
        MatrixFactorizationTrainer mf => new MatrixFactorizationTrainer(mf.Options with { NumberOfThreads = threads }),
        AlternatingLeastSquaresTrainer als => new AlternatingLeastSquaresTrainer(als.Options with { NumberOfThreads = threads }),
        ImplicitItemKnnTrainer knn => new ImplicitItemKnnTrainer(knn.Options with { NumberOfThreads = threads }),
        _ => trainer,
    };

    /// <summary>Prints the training progress to standard error every 10 %, with the library's estimate of the time left.</summary>
    private sealed class Progress(string name) : IProgress<double>, IProgress<Onnx.Training.TrainingProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _shown;

        public void Report(double value)
        {
            int tenth = (int)(value * 10);
            if (tenth > _shown)
            {
                _shown = tenth;
                double left = _clock.Elapsed.TotalSeconds * (1 - value) / value;
                Console.Error.WriteLine($"{name}: {value:P0}, about {left:F0} s left");
            }
        }

        public void Report(Onnx.Training.TrainingProgress value) =>
            Report(Math.Min(1.0, (value.Epoch - 1 + ((double)value.Batch / value.Batches)) / value.Epochs));
    }
}
