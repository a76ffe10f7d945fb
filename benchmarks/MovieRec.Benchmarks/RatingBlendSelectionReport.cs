using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.ML;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.MLNet;
using MovieRec.Splits;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// Chooses the members of a rating blend on validation data only: for each seed, the protocol's 80/20 split, then the
/// blend's own 10 % validation slice of the training part (as <see cref="BlendTrainer"/> draws it); every candidate is
/// trained on the rest and predicts the slice. Every member set that contains the first candidate is then scored by
/// two-fold cross-validation inside the slice (ridge weights fitted on one half, RMSE on the other, and back; for a
/// like/dislike blend logistic stacking, log-loss and accuracy), so the choice never sees the test ratings.
/// </summary>
/// <remarks>
/// Arguments: <c>--data</c> (default ml-100k), <c>--seeds</c> (default 1), <c>--test-fraction</c> (the protocol's,
/// default 0.2; 0.1 for random-90-10), <c>--like-threshold</c> (default 3.5), <c>--models</c> (comma-separated catalog
/// names, default seq-cnn-tuned,mf,als,bias,ubcf,ibcf,text-cnn-tuned), <c>--top</c> (rows printed, default 12).
/// A name may end in <c>@N</c> to train that model with repetition N's seed (a second network of the same kind).
/// </remarks>
public static class RatingBlendSelectionReport
{
    public static int Run(string[] args)
    {
        string data = Arg(args, "--data", "ml-100k");
        int seeds = int.Parse(Arg(args, "--seeds", "1"), CultureInfo.InvariantCulture);
        int top = int.Parse(Arg(args, "--top", "12"), CultureInfo.InvariantCulture);
        string[] names = Arg(args, "--models", "seq-cnn-tuned,mf,als,bias,ubcf,ibcf,text-cnn-tuned").Split(',');
        double testFraction = double.Parse(Arg(args, "--test-fraction", "0.2"), CultureInfo.InvariantCulture);
        float likeThreshold = float.Parse(Arg(args, "--like-threshold", "3.5"), CultureInfo.InvariantCulture);
        var dataset = DatasetCatalog.Load(data);
        var catalog = new MLContext(0).MovieRec();
        int k = names.Length;
        var scores = new Dictionary<int, List<(double Loss, double Accuracy)>>();
        var single = new double[k];
        var classifies = new bool[k];
        for (int seed = 1; seed <= seeds; seed++)
        {
            var outer = RandomSplit.Create(dataset.Ratings, testFraction, seed);
            var inner = RandomSplit.Create(outer.Train, 0.1, seed);
            var slice = inner.Test;
            // A rating blend is clipped to its training ratings' range, as BlendModel clips it.
            float lowest = TensorPrimitives.Min(inner.Train.Ratings), highest = TensorPrimitives.Max(inner.Train.Ratings);
            var predictions = new float[k][];
            for (int j = 0; j < k; j++)
            {
                string[] parts = names[j].Split('@');
                var trainer = catalog.CreateTrainer(parts[0]);
                int repetition = (seed - 1) + (parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0);
                if (trainer is IReseedableTrainer reseedable)
                {
                    trainer = reseedable.ForRepetition(repetition);
                }

                var clock = Stopwatch.StartNew();
                var model = trainer.Fit(dataset, inner.Train);
                try
                {
                    predictions[j] = new float[slice.Count];
                    model.PredictAt(slice.Users, slice.Movies, slice.Timestamps, predictions[j]);
                    classifies[j] = model.Predicts == PredictionKind.LikeProbability;
                }
                finally
                {
                    (model as IDisposable)?.Dispose();
                }

                double rmse = RatingMetrics.RootMeanSquaredError(predictions[j], slice.Ratings);
                single[j] += rmse / seeds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed} {names[j]}: validation RMSE {rmse:F4} ({clock.Elapsed.TotalSeconds:F0} s)"));
                if (classifies[j])
                {
                    // A classifier enters a blend as its log-odds.
                    BlendModel.ToLogits(predictions[j]);
                }
            }

            // Two folds of the slice, alternate rows.
            int[][] folds = [[.. Enumerable.Range(0, slice.Count).Where(i => i % 2 == 0)], [.. Enumerable.Range(0, slice.Count).Where(i => i % 2 == 1)]];
            bool likes = classifies.Any(c => c);
            float[] actual = [.. slice.Ratings.ToArray().Select(r => likes ? (r >= likeThreshold ? 1f : 0f) : r)];
            for (int mask = 1; mask < 1 << k; mask += 2)
            {
                int[] members = [.. Enumerable.Range(0, k).Where(j => (mask & (1 << j)) != 0)];
                double loss = 0, correct = 0;
                for (int f = 0; f < 2; f++)
                {
                    int[] fit = folds[f], held = folds[1 - f];
                    float[][] features = [.. members.Select(j => fit.Select(i => predictions[j][i]).ToArray())];
                    float[] targets = [.. fit.Select(i => actual[i])];
                    double[] w = likes ? BlendTrainer.SolveLogistic(features, targets, 1e-4) : BlendTrainer.SolveRidge(features, targets, 1e-4);
                    foreach (int i in held)
                    {
                        double z = w[0];
                        for (int m = 0; m < members.Length; m++)
                        {
                            z += w[m + 1] * predictions[members[m]][i];
                        }

                        if (likes)
                        {
                            double p = Math.Clamp(1 / (1 + Math.Exp(-z)), 1e-7, 1 - 1e-7);
                            loss -= actual[i] > 0 ? Math.Log(p) : Math.Log(1 - p);
                            correct += (p >= 0.5) == (actual[i] > 0) ? 1 : 0;
                        }
                        else
                        {
                            double p = Math.Clamp(z, lowest, highest);
                            loss += (p - actual[i]) * (p - actual[i]);
                        }
                    }
                }

                (scores.TryGetValue(mask, out var list) ? list : scores[mask] = []).Add((likes ? loss / slice.Count : Math.Sqrt(loss / slice.Count), correct / slice.Count));
            }
        }

        Console.WriteLine();
        bool classifier = classifies.Any(c => c);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{data}, seeds 1-{seeds}: validation {(classifier ? "log-loss and accuracy" : "RMSE")} of the best member sets (two-fold cross-validation inside the blend's slice); each member alone, RMSE against the ratings: {string.Join(", ", Enumerable.Range(0, k).Select(j => $"{names[j]} {single[j]:F4}"))}"));
        Console.WriteLine();
        Console.WriteLine(classifier ? "| members | validation log-loss | validation accuracy |" : "| members | validation RMSE |");
        Console.WriteLine(classifier ? "|---|---:|---:|" : "|---|---:|");
        foreach (var (mask, list) in scores.OrderBy(p => classifier ? -p.Value.Average(v => v.Accuracy) : p.Value.Average(v => v.Loss)).Take(top))
        {
            string members = string.Join(" + ", Enumerable.Range(0, k).Where(j => (mask & (1 << j)) != 0).Select(j => names[j]));
            Console.WriteLine(classifier
                ? string.Create(CultureInfo.InvariantCulture, $"| {members} | {list.Average(v => v.Loss):F4} | {list.Average(v => v.Accuracy):F4} |")
                : string.Create(CultureInfo.InvariantCulture, $"| {members} | {list.Average(v => v.Loss):F4} |"));
        }

        return 0;
    }
}
