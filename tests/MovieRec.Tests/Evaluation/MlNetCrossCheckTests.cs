using Microsoft.ML;
using MovieRec.Baselines;
using MovieRec.Evaluation;
using MovieRec.Tests.Contract;

namespace MovieRec.Tests.Evaluation;

/// <summary>The library's metrics agree with ML.NET's evaluators on the same predictions.</summary>
public sealed class MlNetCrossCheckTests
{
    private sealed class Row
    {
        public float Label { get; set; }

        public float Score { get; set; }
    }

    private sealed class BinaryRow
    {
        public bool Label { get; set; }

        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }

    [Test]
    public void Rmse_and_mae_match_MLNET_regression_evaluator()
    {
        var (train, test) = LatentRatings.Split(LatentRatings.Create());
        var model = BaselineCatalog.MatrixFactorization(8, 20).Fit(train);
        var predicted = new float[test.Count];
        model.Predict(test.Users, test.Movies, predicted);

        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromEnumerable(predicted.Select((p, i) => new Row { Label = test.Ratings[i], Score = p }).ToList());
        var metrics = ml.Regression.Evaluate(view, labelColumnName: nameof(Row.Label), scoreColumnName: nameof(Row.Score));

        Assert.Multiple(() =>
        {
            Assert.That(RatingMetrics.RootMeanSquaredError(predicted, test.Ratings), Is.EqualTo(metrics.RootMeanSquaredError).Within(1e-6));
            Assert.That(RatingMetrics.MeanAbsoluteError(predicted, test.Ratings), Is.EqualTo(metrics.MeanAbsoluteError).Within(1e-6));
            Assert.That(RatingMetrics.MeanSquaredError(predicted, test.Ratings), Is.EqualTo(metrics.MeanSquaredError).Within(1e-6));
        });
    }

    [Test]
    public void Accuracy_and_auc_match_MLNET_binary_evaluator()
    {
        var (train, test) = LatentRatings.Split(LatentRatings.Create());
        var model = BaselineCatalog.MatrixFactorization(8, 20).Fit(train);
        var scores = new float[test.Count];
        model.Predict(test.Users, test.Movies, scores);

        // ML.NET's evaluator thresholds the score at 0, so the score is the margin over 3.5 stars.
        float[] margins = [.. scores.Select(s => s - 3.5f)];
        bool[] liked = [.. test.Ratings.ToArray().Select(r => r >= 4)];
        bool[] predictedLike = [.. margins.Select(m => m > 0)];

        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromEnumerable(scores.Select((s, i) => new BinaryRow { Label = liked[i], Score = margins[i], PredictedLabel = predictedLike[i] }).ToList());
        var metrics = ml.BinaryClassification.EvaluateNonCalibrated(view, nameof(BinaryRow.Label), nameof(BinaryRow.Score), nameof(BinaryRow.PredictedLabel));

        Assert.Multiple(() =>
        {
            Assert.That(liked, Has.Some.True.And.Some.False, "the premise: both classes in the test set");
            Assert.That(ClassificationMetrics.Accuracy(predictedLike, liked), Is.EqualTo(metrics.Accuracy).Within(1e-6));
            Assert.That(ClassificationMetrics.RocAuc(margins, liked), Is.EqualTo(metrics.AreaUnderRocCurve).Within(1e-6));
            Assert.That(ClassificationMetrics.Precision(predictedLike, liked), Is.EqualTo(metrics.PositivePrecision).Within(1e-6));
            Assert.That(ClassificationMetrics.Recall(predictedLike, liked), Is.EqualTo(metrics.PositiveRecall).Within(1e-6));
        });
    }
}
