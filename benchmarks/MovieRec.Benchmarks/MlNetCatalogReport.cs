using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.MLNet;

namespace MovieRec.Benchmarks;

/// <summary>
/// Training matrix factorisation through the ML.NET catalog (<c>mlContext.MovieRec().MatrixFactorization</c> on an
/// IDataView: reading the view, the id maps, training, ONNX export and the OnnxTransformer) next to the direct API
/// (<c>BaselineCatalog.MatrixFactorization().Fit</c> on the ratings table), alternating in one run, the one
/// that goes first changing every round.
/// </summary>
/// <remarks>Arguments: <c>[dataset]</c> (default ml-100k; synthetic works offline) <c>[rounds]</c> (default 5).</remarks>
public static class MlNetCatalogReport
{
    public static int Run(string[] args)
    {
        string name = args.Length > 0 ? args[0] : "ml-100k";
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var data = DatasetCatalog.Load(name);
        var r = data.Ratings;
        var rows = Enumerable.Range(0, r.Count).Select(i => new Rating { UserId = data.UserIds.RawIdOf(r.Users[i]), MovieId = data.MovieIds.RawIdOf(r.Movies[i]), Label = r.Ratings[i] }).ToArray();
        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromEnumerable(rows);
        var options = new MatrixFactorizationOptions();
        var trained = new TrainedOnce(BaselineCatalog.MatrixFactorization(options).Fit(r));
        var paths = new (string Name, Action Fit)[]
        {
            ("direct: BaselineCatalog.MatrixFactorization().Fit(table)", () => BaselineCatalog.MatrixFactorization(options).Fit(r)),
            ("ML.NET: mlContext.MovieRec().MatrixFactorization().Fit(view)", () => ml.MovieRec().MatrixFactorization(options).Fit(view)),
            ("ML.NET, the dataset's indices: mlContext.MovieRec().Trainer(trainer, dataset).Fit(view)", () => ml.MovieRec().Trainer(BaselineCatalog.MatrixFactorization(options), data).Fit(view)),
            ("ML.NET's extra alone: mlContext.MovieRec().Trainer(trained).Fit(view), a trainer handing back a model trained before", () => ml.MovieRec().Trainer(trained).Fit(view)),
        };
        var seconds = paths.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round <= rounds; round++)
        {
            // The order rotates between rounds, so no path always runs right after the same other one.
            for (int turn = 0; turn < paths.Length; turn++)
            {
                int p = (turn + round) % paths.Length;
                long start = Stopwatch.GetTimestamp();
                paths[p].Fit();
                double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                if (round > 0)
                {
                    // Round 0 warms up every path (JIT, ONNX Runtime's first session).
                    seconds[p].Add(elapsed);
                }
            }
        }

        double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        Console.WriteLine(FormattableString.Invariant($"{name}: {r.Count:N0} ratings, mf ({options.NumberOfIterations} iterations, rank {options.ApproximationRank}), {rounds} alternating rounds after one warm-up, {Environment.ProcessorCount} cores"));
        Console.WriteLine();
        Console.WriteLine("| path | median s | min s | max s | / direct (medians) | / direct (median of the rounds' ratios) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (int p = 0; p < paths.Length; p++)
        {
            var v = seconds[p];
            double paired = Median(v.Select((x, i) => x / seconds[0][i]).ToList());
            Console.WriteLine(FormattableString.Invariant($"| {paths[p].Name} | {Median(v):F3} | {v.Min():F3} | {v.Max():F3} | {Median(v) / Median(seconds[0]):F3} | {paired:F3} |"));
        }

        return 0;
    }

    /// <summary>Hands back one model trained before, so that the catalog's own work (view read, id maps, ONNX export, session) is timed alone.</summary>
    private sealed class TrainedOnce(IRatingPredictor model) : IRatingTrainer
    {
        public string Name => model.Name;

        public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default) => model;
    }

    private sealed class Rating
    {
        public float UserId { get; set; }

        public float MovieId { get; set; }

        public float Label { get; set; }
    }
}
