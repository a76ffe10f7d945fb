using System.Diagnostics;
using System.Globalization;
using MovieRec.Data;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.Ncf;
using MovieRec.Splits;

namespace MovieRec.Benchmarks;

/// <summary>
/// Training and scoring speed of GMF, MLP and NeuMF on ML-100K leave-one-out (99,057 training
/// positives × (1 + 4 negatives) ≈ 495K samples per epoch): seconds per epoch and samples per second
/// at batch 256 and 2048, and the time to score the 100 candidates (1 held-out + 99 negatives) of
/// every user.
/// </summary>
/// <remarks>
/// Arguments: <c>[epochs per configuration]</c> (default 3; the first epoch is reported apart as
/// warm-up, the rest averaged) <c>[intra-op threads]</c> (default 1; 0 lets the runtime decide).
/// Reads <c>$MOVIEREC_DATA/ml-100k</c>.
/// </remarks>
public static class NcfReport
{
    public static int Run(string[] args)
    {
        int epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        int threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : NcfOptions.Defaults.Training.NumberOfThreads;
        var dataset = DatasetCatalog.Load("ml-100k");
        var split = LeaveOneOutSplit.Create(dataset.Ratings, 99, 1);
        Console.WriteLine(FormattableString.Invariant($"ML-100K leave-one-out: {split.Train.Count:N0} positives, {split.Train.Count * 5:N0} samples per epoch with 4 negatives; {Environment.ProcessorCount} cores, intra-op threads {threads}"));
        Console.WriteLine();
        Console.WriteLine("| model | batch | first epoch s | epoch s (mean of the rest) | samples/s | score 943 × 100 s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var architecture in new[] { NcfArchitecture.NeuMF, NcfArchitecture.Gmf, NcfArchitecture.Mlp })
        {
            foreach (int batch in new[] { 256, 2048 })
            {
                var options = new NcfOptions { Architecture = architecture, Pretrain = false, Training = NcfOptions.Defaults.Training with { Epochs = epochs, BatchSize = batch, NumberOfThreads = threads } };
                using var model = NcfCatalog.Create(options).Fit(split.Train);
                var seconds = model.Bundle.History.Select(e => e.Seconds).ToArray();
                double rest = seconds.Length > 1 ? seconds.Skip(1).Average() : seconds[0];
                double samples = split.Train.Count * 5.0 / rest;
                double scoring = ScoreCandidates(model, split);
                Console.WriteLine(FormattableString.Invariant($"| {architecture} | {batch} | {seconds[0]:F2} | {rest:F2} | {samples:N0} | {scoring:F3} |"));
            }
        }

        return 0;
    }

    private static double ScoreCandidates(BundleModel model, LeaveOneOutSplit split)
    {
        var users = split.TestUsers.ToArray();
        var positives = split.TestMovies.ToArray();
        var negatives = split.Negatives;
        int n = split.NumberOfNegatives + 1;
        var userBatch = new int[n];
        var movieBatch = new int[n];
        var scores = new float[n];
        double best = double.MaxValue;
        for (int repeat = 0; repeat < 5; repeat++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < users.Length; i++)
            {
                userBatch.AsSpan().Fill(users[i]);
                movieBatch[0] = positives[i];
                for (int j = 1; j < n; j++)
                {
                    movieBatch[j] = negatives[i, j - 1];
                }

                model.Predict(userBatch, movieBatch, scores);
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return best;
    }
}
