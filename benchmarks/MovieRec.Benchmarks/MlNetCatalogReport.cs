using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.MLNet;

namespace MovieRec.Benchmarks;

/// <summary>
/// Training matrix factorisation through the ML.NET catalog (<c>mlContext.MovieRec().MatrixFactorization</c> on an
/// IDataView: reading the view, the id maps, training, ONNX export and the OnnxTransformer) next to the direct API
/// (<c>BaselineCatalog.MatrixFactorization().Fit</c> on the ratings table), alternating in one run.
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
        var direct = new List<double>();
        var catalog = new List<double>();
        for (int round = 0; round <= rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            BaselineCatalog.MatrixFactorization(options).Fit(r);
            double d = Stopwatch.GetElapsedTime(start).TotalSeconds;
            start = Stopwatch.GetTimestamp();
            ml.MovieRec().MatrixFactorization(options).Fit(view);
            double c = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (round > 0)
            {
                // Round 0 warms up both paths (JIT, ONNX Runtime's first session).
                direct.Add(d);
                catalog.Add(c);
            }
        }

        double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        Console.WriteLine(FormattableString.Invariant($"{name}: {r.Count:N0} ratings, mf ({options.NumberOfIterations} iterations, rank {options.ApproximationRank}), {rounds} alternating rounds after one warm-up, {Environment.ProcessorCount} cores"));
        Console.WriteLine();
        Console.WriteLine("| path | median s | min s | max s |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(FormattableString.Invariant($"| direct: BaselineCatalog.MatrixFactorization().Fit(table) | {Median(direct):F3} | {direct.Min():F3} | {direct.Max():F3} |"));
        Console.WriteLine(FormattableString.Invariant($"| ML.NET: mlContext.MovieRec().MatrixFactorization().Fit(view) | {Median(catalog):F3} | {catalog.Min():F3} | {catalog.Max():F3} |"));
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"catalog / direct (medians): {Median(catalog) / Median(direct):F3}"));
        return 0;
    }

    private sealed class Rating
    {
        public float UserId { get; set; }

        public float MovieId { get; set; }

        public float Label { get; set; }
    }
}
