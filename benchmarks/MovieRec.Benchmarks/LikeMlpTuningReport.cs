using System.Diagnostics;
using System.Globalization;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Models.LikeMlp;
using MovieRec.Splits;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// Chooses the like/dislike MLP's settings on validation data only: the training part of the random 90/10 split
/// (seeds 1..N) is split again 90/10, the model trains on the first part and is measured on the second (accuracy,
/// AUC, log-loss). The test ratings are never read.
/// </summary>
/// <remarks>
/// Arguments (all optional): <c>--data ml-latest-small</c>, <c>--seeds 1</c>, <c>--tuned</c> (start from
/// <see cref="LikeMlpOptions.Tuned"/> instead of the paper's settings), and overrides <c>--lr</c>, <c>--batch</c>,
/// <c>--epochs</c>, <c>--weight-decay</c>, <c>--lr-decay</c>, <c>--averaging</c>, <c>--dropout</c>, <c>--hidden</c>, <c>--embedding</c>, <c>--patience</c>,
/// <c>--validation</c> (the early-stopping slice, carved from the fitting part), <c>--loss bce|mse</c>, <c>--biases</c>, <c>--rating-loss W</c>, <c>--embedding-l2 λ</c>.
/// </remarks>
public static class LikeMlpTuningReport
{
    public static int Run(string[] args)
    {
        string data = Arg(args, "--data", "ml-latest-small");
        int seeds = int.Parse(Arg(args, "--seeds", "1"), CultureInfo.InvariantCulture);
        var o = args.Contains("--tuned") ? LikeMlpOptions.Tuned() : new LikeMlpOptions();
        var t = o.Training;
        t = t with
        {
            LearningRate = double.Parse(Arg(args, "--lr", t.LearningRate.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            BatchSize = int.Parse(Arg(args, "--batch", t.BatchSize.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            Epochs = int.Parse(Arg(args, "--epochs", t.Epochs.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            WeightDecay = double.Parse(Arg(args, "--weight-decay", t.WeightDecay.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            Patience = int.Parse(Arg(args, "--patience", t.Patience.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            LearningRateDecay = double.Parse(Arg(args, "--lr-decay", t.LearningRateDecay.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            WeightAveraging = double.Parse(Arg(args, "--averaging", t.WeightAveraging.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            ValidationFraction = double.Parse(Arg(args, "--validation", t.ValidationFraction.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
        };
        o = o with
        {
            Training = t,
            DropoutRate = double.Parse(Arg(args, "--dropout", o.DropoutRate.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            HiddenSize = int.Parse(Arg(args, "--hidden", o.HiddenSize.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            EmbeddingSize = int.Parse(Arg(args, "--embedding", o.EmbeddingSize.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            UseBiases = args.Contains("--biases") || o.UseBiases,
            EmbeddingL2 = double.Parse(Arg(args, "--embedding-l2", o.EmbeddingL2.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            RatingLossWeight = double.Parse(Arg(args, "--rating-loss", o.RatingLossWeight.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            Loss = Arg(args, "--loss", "bce") == "mse" ? LikeLoss.SquaredError : LikeLoss.BinaryCrossEntropy,
        };
        var dataset = DatasetCatalog.Load(data);
        for (int seed = 1; seed <= seeds; seed++)
        {
            var outer = RandomSplit.Create(dataset.Ratings, 0.1, seed);
            var inner = RandomSplit.Create(outer.Train, 0.1, seed);
            var clock = Stopwatch.StartNew();
            using var model = LikeMlpTrainer.Create(o with { Training = o.Training with { Seed = seed } }).Fit(dataset, inner.Train);
            var p = new float[inner.Test.Count];
            model.Predict(inner.Test.Users, inner.Test.Movies, p);
            var likes = new bool[p.Length];
            var predicted = new bool[p.Length];
            for (int i = 0; i < p.Length; i++)
            {
                likes[i] = inner.Test.Ratings[i] >= o.LikeThreshold;
                predicted[i] = p[i] >= 0.5f;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed} validation accuracy {ClassificationMetrics.Accuracy(predicted, likes):F4} AUC {ClassificationMetrics.RocAuc(p, likes):F4} log-loss {ClassificationMetrics.LogLoss(p, likes):F4} epochs {model.Bundle.History.Count} best {model.Bundle.BestEpoch} {clock.Elapsed.TotalSeconds:F0} s; {o}"));
        }

        return 0;
    }
}
