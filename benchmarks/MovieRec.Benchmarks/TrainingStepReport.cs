using System.Diagnostics;
using System.Globalization;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Layers;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Benchmarks;

/// <summary>
/// Times training steps of an embedding rating model (user 6,040×32 and movie 3,706×32 tables,
/// concatenated, then a 3-layer MLP 64→128→64→1, MSE, Adam) at batch 256 and 1024 on synthetic
/// ratings: step time, samples per second, the share of wall time spent outside ONNX Runtime's
/// Run (batch copy, shuffling, bookkeeping) and managed bytes allocated per step. The first epoch
/// is a warm-up; the second is measured from epoch end to epoch end.
/// Arguments: [threads] (default 2), [rows] (default 200000), [adam|sgd] (default adam), [table scale] (default 1: the
/// tables have scale × 6,040 and scale × 3,706 rows, for how a step's time grows with the tables at a fixed batch).
/// </summary>
public static class TrainingStepReport
{
    /// <summary>Runs the report.</summary>
    /// <param name="args">Optional intra-op thread count, number of synthetic rows and optimizer.</param>
    /// <returns>0.</returns>
    public static int Run(string[] args)
    {
        int threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        int rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
        bool sgd = args.Length > 2 && args[2] == "sgd";
        int scale = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
        int userRows = 6040 * scale, movieRows = 3706 * scale;
        var data = Synthetic(rows, userRows, movieRows);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Embedding ({userRows}x32, {movieRows}x32) + MLP 64-128-64-1, MSE, {(sgd ? "SGD" : "Adam")}; {rows:N0} synthetic ratings; {threads} intra-op thread(s); {Environment.ProcessorCount} cores."));
        Console.WriteLine("batch | steps | ms/step | samples/s | outside Run | managed alloc/step | epoch loss | device");
        foreach (int batch in new[] { 256, 1024 })
        {
            var (g, loss) = Model(userRows, movieRows);
            using var trainer = Trainer.Create(g, loss, sgd ? Optimizer.Sgd(0.01) : Optimizer.Adam(), new DeepTrainingOptions { BatchSize = batch, Epochs = 2, NumberOfThreads = threads, Seed = 1, ProgressInterval = int.MaxValue });
            var marks = new List<(long Ticks, TimeSpan Run, long Steps, long Bytes)>();
            trainer.Fit(data, progress: new SyncProgress(p =>
            {
                if (p.IsEpochEnd)
                {
                    marks.Add((Stopwatch.GetTimestamp(), trainer.RunTime, trainer.Steps, GC.GetAllocatedBytesForCurrentThread()));
                }
            }));

            var (start, end) = (marks[0], marks[1]);
            double wall = Stopwatch.GetElapsedTime(start.Ticks, end.Ticks).TotalSeconds;
            double run = (end.Run - start.Run).TotalSeconds;
            long steps = end.Steps - start.Steps;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{batch,5} | {steps,5} | {wall * 1000 / steps,7:F3} | {rows / wall,9:N0} | {100 * (wall - run) / wall,10:F1}% | {(end.Bytes - start.Bytes) / (double)steps,16:F0} B | {trainer.History.TrainingLosses[^1]:F4} | {trainer.DeviceName}"));
        }

        return 0;
    }

    private static (ModelGraph Graph, GraphTensor Loss) Model(int userRows, int movieRows)
    {
        var g = ModelGraph.Create("bench-rating", seed: 1);
        var user = g.Input("user", OnnxElementType.Int64, "N");
        var movie = g.Input("movie", OnnxElementType.Int64, "N");
        var rating = g.Input("rating", OnnxElementType.Float, "N");
        var u = EmbeddingLayer.Create(g, "user_emb", userRows, 32).Apply(user);
        var m = EmbeddingLayer.Create(g, "movie_emb", movieRows, 32).Apply(movie);
        var h = DenseLayer.Create(g, "fc1", 64, 128, Activation.Relu).Apply(g.Concat(1, u, m));
        h = DenseLayer.Create(g, "fc2", 128, 64, Activation.Relu).Apply(h);
        var prediction = g.Squeeze(DenseLayer.Create(g, "fc3", 64, 1).Apply(h), 1);
        g.Output("rating_hat", prediction);
        return (g, g.MseLoss(prediction, rating));
    }

    private static TrainingData Synthetic(int rows, int userRows, int movieRows)
    {
        var random = new Random(5);
        var users = new long[rows];
        var movies = new long[rows];
        var ratings = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            users[i] = 1 + random.Next(userRows - 1);
            movies[i] = 1 + random.Next(movieRows - 1);
            ratings[i] = 1 + (((users[i] * 7) + (movies[i] * 3)) % 5);
        }

        return TrainingData.Create(rows).Add("user", users).Add("movie", movies).Add("rating", ratings);
    }

    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
