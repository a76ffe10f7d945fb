using MovieRec.Onnx.Models.RatingCnn;
using System.Diagnostics;
using System.Globalization;
using MovieRec.Data;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Training;
using MovieRec.Recommendation;
using MovieRec.Splits;

namespace MovieRec.Benchmarks;

/// <summary>
/// Speed of the CNN rating models: seconds per training epoch for LSTM-CNN and text-CNN (batch
/// 256) on ML-100K 4:1 and on a synthetic dataset of ML-1M size, and inference time of top-10
/// recommendations (one user among all movies: p50/p90; every user of the dataset: total).
/// </summary>
/// <remarks>
/// Arguments (optional): <c>--data ml-100k</c>, <c>--epochs 2</c>, <c>--threads 1</c> (ONNX Runtime
/// intra-op threads), <c>--skip-ml1m</c>. The epoch time is the mean over the epochs run (the
/// first includes no compilation: the session is built before). Wall-clock figures: other load on
/// the machine slows them down.
/// </remarks>
public static class RatingCnnReport
{
    public static int Run(string[] args)
    {
        string data = RatingCnnQualityReport.Arg(args, "--data", "ml-100k");
        int epochs = int.Parse(RatingCnnQualityReport.Arg(args, "--epochs", "2"), CultureInfo.InvariantCulture);
        int threads = int.Parse(RatingCnnQualityReport.Arg(args, "--threads", RatingCnnOptions.Defaults.Training.NumberOfThreads.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        Console.WriteLine($"{Environment.ProcessorCount} logical cores; ONNX Runtime intra-op threads {(threads == 0 ? "ONNX Runtime's default" : threads.ToString(CultureInfo.InvariantCulture))}");
        var dataset = DatasetCatalog.Load(data);
        var split = RandomSplit.Create(dataset.Ratings, 0.2, 1);
        Console.WriteLine($"{dataset.Name}: {split.Train.Count:N0} training ratings");
        BundleModel? lstm = null;
        foreach (var variant in new[] { RatingCnnVariant.LstmCnn, RatingCnnVariant.TextCnn })
        {
            var model = Epochs(dataset, split.Train, variant, epochs, threads);
            if (variant == RatingCnnVariant.LstmCnn)
            {
                lstm = model;
            }
            else
            {
                model.Dispose();
            }
        }

        Inference(lstm!, dataset);
        lstm!.Dispose();
        if (!args.Contains("--skip-ml1m"))
        {
            var large = SyntheticDataset.Generate(1_000_209);
            var largeSplit = RandomSplit.Create(large.Ratings, 0.2, 1);
            Console.WriteLine($"synthetic ML-1M size: {large.UserCount:N0} users, {large.MovieCount:N0} movies, {largeSplit.Train.Count:N0} training ratings");
            foreach (var variant in new[] { RatingCnnVariant.LstmCnn, RatingCnnVariant.TextCnn })
            {
                using var model = Epochs(large, largeSplit.Train, variant, 1, threads);
            }
        }

        return 0;
    }

    private static BundleModel Epochs(RecommendationDataset dataset, RatingsTable train, RatingCnnVariant variant, int epochs, int threads)
    {
        var clock = Stopwatch.StartNew();
        var model = RatingCnnTrainer.Create(new RatingCnnOptions { Variant = variant, Training = RatingCnnOptions.Defaults.Training with { Epochs = epochs, NumberOfThreads = threads } }).Fit(dataset, train);
        var history = model.Bundle.History;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {model.Name,-9} batch 256: {history.Average(h => h.Seconds):F2} s per epoch ({history.Average(h => h.SamplesPerSecond):N0} ratings/s) over {history.Count} epoch(s); total with setup and export {clock.Elapsed.TotalSeconds:F1} s; trained on {model.Bundle.Model.Metadata[Trainer.TrainingDeviceKey]}"));
        return model;
    }

    private static void Inference(BundleModel model, RecommendationDataset dataset)
    {
        var recommender = Recommender.Create(model, model.Bundle.Dataset.Seen);
        int users = model.UserIndexBound;
        // Warm up past the JIT's tiering so steady-state code is measured.
        for (int round = 0; round < 2; round++)
        {
            for (int u = 1; u < users; u++)
            {
                recommender.Favourites(u);
            }

            Thread.Sleep(200);
        }

        var times = new double[users - 1];
        var all = Stopwatch.StartNew();
        for (int u = 1; u < users; u++)
        {
            long start = Stopwatch.GetTimestamp();
            recommender.Favourites(u);
            times[u - 1] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        double total = all.Elapsed.TotalSeconds;
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {model.Name} top-10 among {model.MovieIndexBound - 1:N0} movies, seen excluded: one user p50 {times[times.Length / 2]:F3} ms, p90 {times[(int)(times.Length * 0.9)]:F3} ms; all {users - 1:N0} users of {dataset.Name} {total:F3} s"));
        var load = Stopwatch.StartNew();
        string path = Path.Combine(Path.GetTempPath(), "movierec-ratingcnn-" + Guid.NewGuid().ToString("N") + ".zip");
        model.Save(path);
        double save = load.Elapsed.TotalSeconds;
        load.Restart();
        using (BundleModel.Load(path))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bundle {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB: save {save:F2} s, load (session + towers for every user and movie) {load.Elapsed.TotalSeconds:F2} s"));
        }

        File.Delete(path);
    }
}
