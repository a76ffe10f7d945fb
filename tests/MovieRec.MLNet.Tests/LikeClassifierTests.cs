using Microsoft.ML;
using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Splits;
using MovieRec.Tests.Contract;

namespace MovieRec.MLNet.Tests;

/// <summary>ML.NET's classifiers under the contract every model of the library honours.</summary>
public abstract class LikeClassifierContract : RatingPredictorContract
{
    private static readonly Lazy<RecommendationDataset> s_dataset = new(() =>
        SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 3000, NumberOfUsers = 120, NumberOfMovies = 80, Seed = 11 }));

    protected override RecommendationDataset Dataset => s_dataset.Value;

    protected override bool PredictsLikes => true;

    protected override float BatchTolerance => 1e-6f;
}

public sealed class SdcaContractTests : LikeClassifierContract
{
    protected override IRatingTrainer CreateTrainer() => LikeClassifierTrainer.Create(LikeClassifierAlgorithm.SdcaLogisticRegression);
}

public sealed class FastTreeContractTests : LikeClassifierContract
{
    protected override IRatingTrainer CreateTrainer() => LikeClassifierTrainer.Create(LikeClassifierAlgorithm.FastTree);
}

public sealed class LightGbmContractTests : LikeClassifierContract
{
    protected override IRatingTrainer CreateTrainer() => LikeClassifierTrainer.Create(LikeClassifierAlgorithm.LightGbm);
}

public sealed class LikeClassifierTests
{
    private static readonly Lazy<RecommendationDataset> s_dataset = new(() =>
        SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 4000, NumberOfUsers = 100, NumberOfMovies = 90, Seed = 5 }));

    [Test]
    public void Names_resolve_and_unknown_names_are_listed()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LikeClassifierTrainer.ModelNames.Select(n => LikeClassifierTrainer.FromName(n).Name), Is.EqualTo(LikeClassifierTrainer.ModelNames));
            var error = Assert.Throws<ArgumentException>(() => LikeClassifierTrainer.FromName("svm"));
            Assert.That(error!.Message, Does.Contain("sdca, fasttree, lightgbm"));
        });
    }

    [Test]
    public void Training_without_the_dataset_says_what_is_missing()
    {
        var ratings = s_dataset.Value.Ratings;
        var error = Assert.Throws<InvalidOperationException>(() => LikeClassifierTrainer.Create(LikeClassifierAlgorithm.FastTree).Fit(ratings));
        Assert.That(error!.Message, Does.Contain("genres and release years"));
    }

    /// <summary>The library's like/dislike metrics of a classifier agree with ML.NET's binary evaluator on the same predictions.</summary>
    [TestCase(LikeClassifierAlgorithm.SdcaLogisticRegression)]
    [TestCase(LikeClassifierAlgorithm.LightGbm)]
    public void Library_metrics_match_MLNET_binary_evaluator(LikeClassifierAlgorithm algorithm)
    {
        var dataset = s_dataset.Value;
        var split = RandomSplit.Create(dataset.Ratings, 0.1, seed: 1);
        var model = LikeClassifierTrainer.Create(algorithm).Fit(dataset, split.Train);
        var p = new float[split.Test.Count];
        model.Predict(split.Test.Users, split.Test.Movies, p);
        bool[] likes = [.. split.Test.Ratings.ToArray().Select(r => r >= 3.5f)];
        bool[] predicted = [.. p.Select(x => x >= 0.5f)];

        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromEnumerable(p.Select((x, i) => new ScoredRow { Label = likes[i], Probability = x, Score = x - 0.5f, PredictedLabel = predicted[i] }).ToList());
        var metrics = ml.BinaryClassification.Evaluate(view, nameof(ScoredRow.Label), nameof(ScoredRow.Score), nameof(ScoredRow.Probability), nameof(ScoredRow.PredictedLabel));

        Assert.Multiple(() =>
        {
            Assert.That(likes, Has.Some.True.And.Some.False, "the premise: both classes held out");
            Assert.That(ClassificationMetrics.Accuracy(predicted, likes), Is.EqualTo(metrics.Accuracy).Within(1e-6));
            Assert.That(ClassificationMetrics.RocAuc(p, likes), Is.EqualTo(metrics.AreaUnderRocCurve).Within(1e-6));
            Assert.That(ClassificationMetrics.Precision(predicted, likes), Is.EqualTo(metrics.PositivePrecision).Within(1e-6));
            Assert.That(ClassificationMetrics.Recall(predicted, likes), Is.EqualTo(metrics.PositiveRecall).Within(1e-6));
            Assert.That(ClassificationMetrics.F1(predicted, likes), Is.EqualTo(metrics.F1Score).Within(1e-6));

            // ML.NET reports log-loss in bits; the library in nats.
            Assert.That(ClassificationMetrics.LogLoss(p, likes) / Math.Log(2), Is.EqualTo(metrics.LogLoss).Within(1e-5));
        });
    }

    private sealed class ScoredRow
    {
        public bool Label { get; set; }

        public float Score { get; set; }

        public float Probability { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
