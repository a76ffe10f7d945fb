using System.Diagnostics;
using System.Globalization;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Models.SeqCnn;
using MovieRec.Onnx.Training;
using MovieRec.Splits;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// Chooses the sequence CNN's settings on validation data only: the training part of the random 80/20 split (seeds
/// 1..N) is split again 90/10; the model and biased MF train on the first part and are measured on the second (RMSE,
/// MAE, each rating predicted from the ratings before it). The test ratings are never read.
/// </summary>
/// <remarks>
/// Arguments (all optional): <c>--data ml-100k</c>, <c>--seeds 1</c>, <c>--tuned</c> (start from
/// <see cref="SeqCnnOptions.Tuned"/>), <c>--descriptions FILE</c> (a titles-with-descriptions CSV to join), and overrides
/// <c>--lr</c>, <c>--batch</c>, <c>--epochs</c>, <c>--patience</c>, <c>--weight-decay</c>, <c>--optimizer adam|sgd</c>,
/// <c>--filters 64,128,256</c>, <c>--hidden</c>, <c>--dropout</c>, <c>--history</c>, <c>--plot</c>, <c>--embedding</c>,
/// <c>--factors</c>, <c>--biases</c>, <c>--no-biases</c>, <c>--mf-init</c>, <c>--no-mf-init</c>, <c>--freeze</c>, <c>--no-freeze</c>, <c>--no-ratings</c>.
/// </remarks>
public static class SeqCnnTuningReport
{
    public static int Run(string[] args)
    {
        string data = Arg(args, "--data", "ml-100k");
        int seeds = int.Parse(Arg(args, "--seeds", "1"), CultureInfo.InvariantCulture);
        var o = args.Contains("--tuned") ? SeqCnnOptions.Tuned() : new SeqCnnOptions();
        var t = o.Training;
        string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        t = t with
        {
            LearningRate = double.Parse(Arg(args, "--lr", R(t.LearningRate)), CultureInfo.InvariantCulture),
            BatchSize = int.Parse(Arg(args, "--batch", I(t.BatchSize)), CultureInfo.InvariantCulture),
            Epochs = int.Parse(Arg(args, "--epochs", I(t.Epochs)), CultureInfo.InvariantCulture),
            Patience = int.Parse(Arg(args, "--patience", I(t.Patience)), CultureInfo.InvariantCulture),
            WeightDecay = double.Parse(Arg(args, "--weight-decay", R(t.WeightDecay)), CultureInfo.InvariantCulture),
            ValidationFraction = double.Parse(Arg(args, "--validation", R(t.ValidationFraction)), CultureInfo.InvariantCulture),
            Optimizer = Arg(args, "--optimizer", t.Optimizer.ToString()).Equals("sgd", StringComparison.OrdinalIgnoreCase) ? OptimizerKind.Sgd : OptimizerKind.Adam,
        };
        bool biases = (o.UseBiases || args.Contains("--biases")) && !args.Contains("--no-biases");
        o = o with
        {
            Training = t,
            Filters = [.. Arg(args, "--filters", string.Join(',', o.Filters)).Split(',').Select(f => int.Parse(f, CultureInfo.InvariantCulture))],
            HiddenSize = int.Parse(Arg(args, "--hidden", I(o.HiddenSize)), CultureInfo.InvariantCulture),
            DropoutRate = double.Parse(Arg(args, "--dropout", R(o.DropoutRate)), CultureInfo.InvariantCulture),
            HistoryLength = int.Parse(Arg(args, "--history", I(o.HistoryLength)), CultureInfo.InvariantCulture),
            PlotLength = int.Parse(Arg(args, "--plot", I(o.PlotLength)), CultureInfo.InvariantCulture),
            EmbeddingSize = int.Parse(Arg(args, "--embedding", I(o.EmbeddingSize)), CultureInfo.InvariantCulture),
            ApproximationRank = int.Parse(Arg(args, "--factors", I(o.ApproximationRank)), CultureInfo.InvariantCulture),
            UseBiases = biases,
            InitializeFromMatrixFactorization = (o.InitializeFromMatrixFactorization || args.Contains("--mf-init")) && !args.Contains("--no-mf-init"),
            UseRatings = !args.Contains("--no-ratings"),
            FreezeMatrixFactorization = (o.FreezeMatrixFactorization || args.Contains("--freeze")) && !args.Contains("--no-freeze"),
        };
        var dataset = DatasetCatalog.Load(data);
        string? descriptions = Arg(args, "--descriptions", string.Empty);
        if (descriptions.Length > 0)
        {
            dataset = TitleDescriptions.Join(dataset, TitleDescriptions.Load(descriptions));
        }

        for (int seed = 1; seed <= seeds; seed++)
        {
            var outer = RandomSplit.Create(dataset.Ratings, 0.2, seed);
            var inner = RandomSplit.Create(outer.Train, 0.1, seed);
            var clock = Stopwatch.StartNew();
            using var model = SeqCnnTrainer.Create(o with { Training = o.Training with { Seed = seed } }).Fit(dataset, inner.Train);
            double seconds = clock.Elapsed.TotalSeconds;
            var p = new float[inner.Test.Count];
            model.PredictAt(inner.Test.Users, inner.Test.Movies, inner.Test.Timestamps, p);
            var mf = BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { Seed = seed }).Fit(inner.Train);
            var q = new float[inner.Test.Count];
            mf.Predict(inner.Test.Users, inner.Test.Movies, q);
            var actual = inner.Test.Ratings;
            string epochs = string.Join(' ', model.Bundle.History.Select(e => e.ValidationLoss is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed} validation RMSE {RatingMetrics.RootMeanSquaredError(p, actual):F4} MAE {RatingMetrics.MeanAbsoluteError(p, actual):F4} | mf RMSE {RatingMetrics.RootMeanSquaredError(q, actual):F4} MAE {RatingMetrics.MeanAbsoluteError(q, actual):F4} | best epoch {model.Bundle.BestEpoch} of {model.Bundle.History.Count} [{epochs}] {seconds:F0} s ({seconds / Math.Max(1, model.Bundle.History.Count):F1} s/epoch)"));
        }

        Console.WriteLine(o);
        return 0;
    }
}
