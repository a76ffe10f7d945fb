using System.Diagnostics;
using System.Globalization;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Splits;

namespace MovieRec.Benchmarks;

/// <summary>
/// Times the classical baselines at MovieLens-1M scale on synthetic data: biased MF (rank 64,
/// 20 epochs) on an 800K-rating training set, ALS and implicit ALS seconds per iteration at rank 64,
/// and top-10 lists for every user from the MF model.
/// </summary>
/// <remarks>Arguments: <c>[threads]</c> (default: the processor count).</remarks>
public static class BaselinesReport
{
    public static int Run(string[] args)
    {
        int threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var clock = Stopwatch.StartNew();
        var dataset = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 1_000_209, NumberOfUsers = 6040, NumberOfMovies = 3706 });
        var split = RandomSplit.Create(dataset.Ratings, 0.2, 1);
        Console.WriteLine($"synthetic ML-1M-sized data: {dataset.Ratings.Count:N0} ratings generated in {clock.Elapsed.TotalSeconds:F1} s; training {split.Train.Count:N0}, test {split.Test.Count:N0}; {threads} thread(s), {Environment.ProcessorCount} cores");

        var mfOptions = new MatrixFactorizationOptions { ApproximationRank = 64, NumberOfIterations = 20, LearningRate = 0.01f, Lambda = 0.05f, NumberOfThreads = threads };
        BaselineCatalog.MatrixFactorization(mfOptions with { NumberOfIterations = 1 }).Fit(split.Train); // warm-up (JIT)
        clock.Restart();
        var mf = BaselineCatalog.MatrixFactorization(mfOptions).FitModel(split.Train);
        double mfSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"MF rank 64, 20 epochs: {mfSeconds:F2} s wall ({split.Train.Count * 20.0 / mfSeconds / 1e6:F1} M updates/s); test RMSE {Rmse(mf, split.Test):F4}");

        foreach (var loss in new[] { MatrixFactorizationLoss.SquareLossRegression, MatrixFactorizationLoss.SquareLossOneClass })
        {
            const int iterations = 3;
            clock.Restart();
            var als = BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions { LossFunction = loss, ApproximationRank = 64, NumberOfIterations = iterations, NumberOfThreads = threads }).FitModel(split.Train);
            double perIteration = clock.Elapsed.TotalSeconds / iterations;
            string quality = als.Predicts == PredictionKind.Rating ? $"; test RMSE after {iterations} iterations {Rmse(als, split.Test):F4}" : string.Empty;
            Console.WriteLine($"{als.Name} rank 64: {perIteration:F2} s per iteration{quality}");
        }

        var seen = new List<int>?[mf.UserIndexBound];
        for (int i = 0; i < split.Train.Count; i++)
        {
            (seen[split.Train.Users[i]] ??= []).Add(split.Train.Movies[i]);
        }

        var lists = new int[mf.UserIndexBound][];
        TopTen(mf, seen, lists, threads); // warm-up
        clock.Restart();
        TopTen(mf, seen, lists, threads);
        double topSeconds = clock.Elapsed.TotalSeconds;
        int users = lists.Count(l => l is { Length: > 0 });
        Console.WriteLine($"top-10 from MF for {users:N0} users over {mf.MovieIndexBound - 1:N0} movies (seen excluded): {topSeconds:F3} s");
        return 0;
    }

    private static void TopTen(MatrixFactorizationModel model, List<int>?[] seen, int[][] lists, int threads)
    {
        Parallel.For(
            1,
            model.UserIndexBound,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => (Scores: new float[model.MovieIndexBound], Top: new int[10]),
            (user, _, buffers) =>
            {
                var scores = buffers.Scores.AsSpan();
                model.ScoreAll(user, scores);
                scores[0] = float.NegativeInfinity;
                foreach (int m in seen[user] ?? [])
                {
                    scores[m] = float.NegativeInfinity;
                }

                int count = TopK.Select(scores, buffers.Top);
                lists[user] = buffers.Top[..count];
                return buffers;
            },
            _ => { });
    }

    private static double Rmse(IRatingPredictor model, RatingsTable test)
    {
        var predicted = new float[test.Count];
        model.Predict(test.Users, test.Movies, predicted);
        return RatingMetrics.RootMeanSquaredError(predicted, test.Ratings);
    }
}
